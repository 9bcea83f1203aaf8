import VidaTestServer

print("sipdiag-testserver: work in progress")
