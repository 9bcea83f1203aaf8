import SIPDiagCLI
