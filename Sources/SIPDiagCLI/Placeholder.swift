public import SIPCapture
