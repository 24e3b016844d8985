// See include/CLibXML.h: libxml2 loaded on first use instead of linked.
#include "CLibXML.h"
#include "CLoadedLibrary.h"

#define XRAY_LIBXML_FUNCTIONS(F)                                                                   \
    F(void, xmlInitParser, (void))                                                                 \
    F(void *, xmlReaderForMemory, (const char *buffer, int size, const char *url, const char *encoding, \
                                   int options))                                                   \
    F(int, xmlTextReaderRead, (void *reader))                                                      \
    F(int, xmlTextReaderNodeType, (void *reader))                                                  \
    F(int, xmlTextReaderIsEmptyElement, (void *reader))                                            \
    F(const unsigned char *, xmlTextReaderConstName, (void *reader))                               \
    F(const unsigned char *, xmlTextReaderConstValue, (void *reader))                              \
    F(void, xmlFreeTextReader, (void *reader))

XRAY_LOADED_LIBRARY(XRayLibXML, XRAY_LIBXML_FUNCTIONS);

const XRayLibXML *xray_xml_open(const char *name, char *error, size_t error_size) {
    XRayLibXML *xml = XRAY_OPEN_LIBRARY(XRayLibXML, name, error, error_size);
    if (xml == NULL) {
        return NULL;
    }
    // libxml2 asks threaded programs to initialise it once before parsing on several threads.
    xml->xmlInitParser();
    return xml;
}

void *xray_xml_reader_for_memory(const XRayLibXML *xml, const char *buffer, int size, int options) {
    return xml->xmlReaderForMemory(buffer, size, NULL, NULL, options);
}

int xray_xml_reader_read(const XRayLibXML *xml, void *reader) { return xml->xmlTextReaderRead(reader); }
int xray_xml_reader_node_type(const XRayLibXML *xml, void *reader) { return xml->xmlTextReaderNodeType(reader); }
int xray_xml_reader_is_empty_element(const XRayLibXML *xml, void *reader) { return xml->xmlTextReaderIsEmptyElement(reader); }
const unsigned char *xray_xml_reader_name(const XRayLibXML *xml, void *reader) { return xml->xmlTextReaderConstName(reader); }
const unsigned char *xray_xml_reader_value(const XRayLibXML *xml, void *reader) { return xml->xmlTextReaderConstValue(reader); }
void xray_xml_reader_free(const XRayLibXML *xml, void *reader) { xml->xmlFreeTextReader(reader); }
