// libxml2's pull reader (xmlTextReader), loaded with dlopen the first time audit or doctor reads an
// XML answer (IAM and STS speak the query protocol), so that the xrayctl binary does not link
// libxml2 and the ICU it loads: lint, generate and sampling start without them.
// Only the runtime library is needed (no -dev package): the prototypes used are declared here with
// the values of libxml/xmlreader.h and libxml/parser.h (libxml2's stable ABI, soname 2).
#ifndef XRAY_CLIBXML_H
#define XRAY_CLIBXML_H

#include <stddef.h>

/// A loaded libxml2: the dlopen handle and the functions looked up in it.
typedef struct XRayLibXML XRayLibXML;

/// Loads the library of that name and initialises its parser (xmlInitParser). NULL when it cannot
/// be loaded or lacks a function; `error` then says why.
const XRayLibXML *xray_xml_open(const char *name, char *error, size_t error_size);

/// A reader over `size` bytes at `buffer`, which must outlive it; NULL if it cannot be made.
void *xray_xml_reader_for_memory(const XRayLibXML *xml, const char *buffer, int size, int options);
/// 1 when the reader moved to the next node, 0 at the end, -1 on an error.
int xray_xml_reader_read(const XRayLibXML *xml, void *reader);
int xray_xml_reader_node_type(const XRayLibXML *xml, void *reader);
int xray_xml_reader_is_empty_element(const XRayLibXML *xml, void *reader);
/// The node's qualified name and its text (UTF-8, owned by the reader, valid until the next read).
const unsigned char *xray_xml_reader_name(const XRayLibXML *xml, void *reader);
const unsigned char *xray_xml_reader_value(const XRayLibXML *xml, void *reader);
void xray_xml_reader_free(const XRayLibXML *xml, void *reader);

// xmlParserOption: no error or warning printed, no network access.
#define XRAY_XML_PARSE_NOERROR 32
#define XRAY_XML_PARSE_NOWARNING 64
#define XRAY_XML_PARSE_NONET 2048

// xmlReaderTypes.
#define XRAY_XML_READER_TYPE_ELEMENT 1
#define XRAY_XML_READER_TYPE_TEXT 3
#define XRAY_XML_READER_TYPE_CDATA 4
#define XRAY_XML_READER_TYPE_WHITESPACE 13
#define XRAY_XML_READER_TYPE_SIGNIFICANT_WHITESPACE 14
#define XRAY_XML_READER_TYPE_END_ELEMENT 15

#endif
