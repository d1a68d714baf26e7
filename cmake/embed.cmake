# Turns a text file into a C++ source defining `conduit::embedded::openapi_document()`.
file(READ ${INPUT} CONTENT HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," BYTES "${CONTENT}")
file(WRITE ${OUTPUT} "#include <string_view>\nnamespace conduit::embedded {\nstatic const unsigned char kData[] = {${BYTES} 0};\nstd::string_view openapi_document() { return {reinterpret_cast<const char*>(kData), sizeof(kData) - 1}; }\n}\n")
