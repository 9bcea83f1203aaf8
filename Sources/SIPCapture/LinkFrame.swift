/// One record of a capture file: a link-layer frame and when it was captured.
///
/// `bytes` is borrowed from the reader's buffer and valid only until the reader moves on.
struct LinkFrame {
    /// 1-based, counting every packet record of the file as Wireshark does.
    var recordNumber: Int
    var time: CaptureTime
    var linkType: LinkType
    var bytes: UnsafeRawBufferPointer
    /// The length on the wire; more than `bytes.count` when the capture's snaplen cut the frame.
    var originalLength: Int
    /// Where the record starts in the file.
    var byteOffset: Int64
}
