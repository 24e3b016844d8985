// See include/CLibXML.h: libxml2 loaded on first use instead of linked.
#include "CLibXML.h"
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

struct XRayLibXML {
    void *library;
    void (*init_parser)(void);
    void *(*reader_for_memory)(const char *buffer, int size, const char *url, const char *encoding, int options);
    int (*read)(void *reader);
    int (*node_type)(void *reader);
    int (*is_empty_element)(void *reader);
    const unsigned char *(*const_name)(void *reader);
    const unsigned char *(*const_value)(void *reader);
    void (*free_reader)(void *reader);
};

const XRayLibXML *xray_xml_open(const char *name, char *error, size_t error_size) {
    void *library = dlopen(name, RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        const char *reason = dlerror();
        snprintf(error, error_size, "%s", reason ? reason : name);
        return NULL;
    }
    XRayLibXML *xml = calloc(1, sizeof(XRayLibXML));
    if (xml == NULL) {
        snprintf(error, error_size, "out of memory");
        dlclose(library);
        return NULL;
    }
    xml->library = library;
    const char *missing = NULL;
#define XRAY_LOOK_UP(field, symbol) \
    if (missing == NULL && (*(void **)&xml->field = dlsym(library, symbol)) == NULL) missing = symbol;
    XRAY_LOOK_UP(init_parser, "xmlInitParser")
    XRAY_LOOK_UP(reader_for_memory, "xmlReaderForMemory")
    XRAY_LOOK_UP(read, "xmlTextReaderRead")
    XRAY_LOOK_UP(node_type, "xmlTextReaderNodeType")
    XRAY_LOOK_UP(is_empty_element, "xmlTextReaderIsEmptyElement")
    XRAY_LOOK_UP(const_name, "xmlTextReaderConstName")
    XRAY_LOOK_UP(const_value, "xmlTextReaderConstValue")
    XRAY_LOOK_UP(free_reader, "xmlFreeTextReader")
#undef XRAY_LOOK_UP
    if (missing != NULL) {
        snprintf(error, error_size, "%s has no %s", name, missing);
        free(xml);
        dlclose(library);
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
