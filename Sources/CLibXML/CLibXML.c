// See include/CLibXML.h: libxml2 loaded on first use instead of linked.
#include "CLibXML.h"
#include "CLoadedLibrary.h"

// XRayLoadedLibrary's layout (the handle, then the functions in the order of `names`), with typed
// fields over the same memory.
struct XRayLibXML {
    void *library;
    union {
        void *functions[8];
        struct {
            void (*init_parser)(void);
            void *(*reader_for_memory)(const char *buffer, int size, const char *url, const char *encoding, int options);
            int (*read)(void *reader);
            int (*node_type)(void *reader);
            int (*is_empty_element)(void *reader);
            const unsigned char *(*const_name)(void *reader);
            const unsigned char *(*const_value)(void *reader);
            void (*free_reader)(void *reader);
        };
    };
};

static const char *const names[] = {
    "xmlInitParser", "xmlReaderForMemory", "xmlTextReaderRead", "xmlTextReaderNodeType",
    "xmlTextReaderIsEmptyElement", "xmlTextReaderConstName", "xmlTextReaderConstValue", "xmlFreeTextReader",
};
_Static_assert(sizeof(names) / sizeof(names[0]) == sizeof(((XRayLibXML *)0)->functions) / sizeof(void *),
               "a name for each function");
_Static_assert(sizeof(XRayLibXML) == sizeof(XRayLoadedLibrary) + sizeof(((XRayLibXML *)0)->functions),
               "the layout of XRayLoadedLibrary");

const XRayLibXML *xray_xml_open(const char *name, char *error, size_t error_size) {
    XRayLibXML *xml = (XRayLibXML *)xray_library_open(name, names, sizeof(names) / sizeof(names[0]), error, error_size);
    if (xml == NULL) {
        return NULL;
    }
    // libxml2 asks threaded programs to initialise it once before parsing on several threads.
    xml->init_parser();
    return xml;
}

void *xray_xml_reader_for_memory(const XRayLibXML *xml, const char *buffer, int size, int options) {
    return xml->reader_for_memory(buffer, size, NULL, NULL, options);
}

int xray_xml_reader_read(const XRayLibXML *xml, void *reader) { return xml->read(reader); }
int xray_xml_reader_node_type(const XRayLibXML *xml, void *reader) { return xml->node_type(reader); }
int xray_xml_reader_is_empty_element(const XRayLibXML *xml, void *reader) { return xml->is_empty_element(reader); }
const unsigned char *xray_xml_reader_name(const XRayLibXML *xml, void *reader) { return xml->const_name(reader); }
const unsigned char *xray_xml_reader_value(const XRayLibXML *xml, void *reader) { return xml->const_value(reader); }
void xray_xml_reader_free(const XRayLibXML *xml, void *reader) { xml->free_reader(reader); }
