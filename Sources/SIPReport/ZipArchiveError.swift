/// Why an entry cannot go into a ``ZipArchive``.
public enum ZipArchiveError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Empty, absolute, with a `..` component, a backslash or a NUL: unzip would refuse it or
    /// write outside the folder it extracts to.
    case unsafeName(String)
    case duplicateName(String)
    /// Beyond what a zip without the Zip64 extension holds (APPNOTE.TXT section 4.4.8):
    /// 65,535 entries, 4 GiB per entry or in all.
    case tooLarge(String)

    public var description: String {
        switch self {
        case .unsafeName(let name):
            "the entry name '\(name)' is not a safe relative path (empty, absolute, '..', backslash or NUL)"
        case .duplicateName(let name): "the entry name '\(name)' is used twice"
        case .tooLarge(let what): "\(what) does not fit in a zip without Zip64"
        }
    }
}
