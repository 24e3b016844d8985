import Foundation
import CLibXML

/// libxml2, opened the first time an XML answer is read rather than linked (Sources/CLibXML says
/// why); its pull reader turns an answer into the elements and text XMLTree and XMLValues keep.
package struct LibXML: @unchecked Sendable {
    /// The loaded library's functions; a reader is used by one thread at a time.
    package let functions: OpaquePointer

    package static let names = ["libxml2.so.2"]

    /// The system's libxml2, opened once per process.
    package static let system: Result<LibXML, LibraryMissing> = open(names)

    package static func open(_ names: [String]) -> Result<LibXML, LibraryMissing> {
        openLibrary(names, purpose: "IAM's and STS's XML answers (doctor --aws, audit)",
                    install: "libxml2 (the libxml2 package on Debian, Ubuntu, Fedora and RHEL)") { name, error, size in
            xray_xml_open(name, error, size).map { LibXML(functions: $0) }
        }
    }

    /// The system's libxml2, or the failure doctor and audit report for a call that needs it.
    package static func required() throws(AWSClient.Failure) -> LibXML {
        switch system {
        case .success(let library): return library
        case .failure(let missing): throw AWSClient.Failure(code: "MissingLibrary", message: missing.description)
        }
    }

    package enum Event: Equatable {
        case start(String), text(String), end
    }

    /// The document's elements (by qualified name, as AWS writes them) and character data, in
    /// order. Reading stops at the first error, keeping what came before; neither the network nor
    /// external entities are read.
    package func events(_ data: Data) -> [Event] {
        let xml = functions
        return data.withUnsafeBytes { bytes -> [Event] in
            guard let start = bytes.baseAddress, bytes.count <= Int(Int32.max),
                  let reader = xray_xml_reader_for_memory(xml, start.assumingMemoryBound(to: CChar.self), Int32(bytes.count),
                                                          XRAY_XML_PARSE_NONET | XRAY_XML_PARSE_NOERROR | XRAY_XML_PARSE_NOWARNING)
            else { return [] }
            defer { xray_xml_reader_free(xml, reader) }
            var events: [Event] = []
            while xray_xml_reader_read(xml, reader) == 1 {
                switch xray_xml_reader_node_type(xml, reader) {
                case XRAY_XML_READER_TYPE_ELEMENT:
                    events.append(.start(Self.string(xray_xml_reader_name(xml, reader))))
                    // <RolePolicyList/> has no end node of its own.
                    if xray_xml_reader_is_empty_element(xml, reader) == 1 { events.append(.end) }
                case XRAY_XML_READER_TYPE_END_ELEMENT:
                    events.append(.end)
                case XRAY_XML_READER_TYPE_TEXT, XRAY_XML_READER_TYPE_CDATA,
                     XRAY_XML_READER_TYPE_WHITESPACE, XRAY_XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
                    events.append(.text(Self.string(xray_xml_reader_value(xml, reader))))
                default:
                    break
                }
            }
            return events
        }
    }

    private static func string(_ text: UnsafePointer<UInt8>?) -> String {
        text.map { String(cString: $0) } ?? ""
    }
}
