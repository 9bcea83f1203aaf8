import SIPCapture
