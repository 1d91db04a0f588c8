/* uw_messages.h — every fixed text the core puts in a uw_status, listed
 * once: X(NAME, "text"); code passes the number UW_M_NAME.  The first are the
 * names of the uw_kind values, in their order (uw_kind_name).  status.c keeps
 * the texts as one string: on a 32-bit MCU a text's address costs every
 * function that uses it a 4-byte literal and a small number costs nothing,
 * and a text two files use is stored once. */
#ifndef UW_MESSAGES_H
#define UW_MESSAGES_H

#define UW_MESSAGES(X) \
    X(OK, "ok")                                                                                    \
    X(MALFORMED, "malformed module")                                                               \
    X(INVALID, "invalid module")                                                                   \
    X(LINK, "link error")                                                                          \
    X(OUT_OF_MEMORY, "out of memory (allocator limit)")                                            \
    X(MEMORY_LIMIT, "memory limit")                                                                \
    X(BAD_ARGUMENT, "bad argument")                                                                \
    X(UNREACHABLE, "unreachable")                                                                  \
    X(MEMORY_OOB, "out of bounds memory access")                                                   \
    X(TABLE_OOB, "out of bounds table access")                                                     \
    X(DIV_ZERO, "integer divide by zero")                                                          \
    X(INT_OVERFLOW, "integer overflow")                                                            \
    X(INVALID_CONVERSION, "invalid conversion to integer")                                         \
    X(INDIRECT_TYPE, "indirect call type mismatch")                                                \
    X(UNDEFINED_ELEMENT, "undefined element")                                                      \
    X(UNINITIALIZED_ELEMENT, "uninitialized element")                                              \
    X(STACK_EXHAUSTED, "call stack exhausted")                                                     \
    X(HOST, "host function failed")                                                                \
    X(OUT_OF_FUEL, "out of fuel")                                                                  \
    X(INTERRUPTED, "interrupted")                                                                  \
    X(UNEXPECTED_END, "unexpected end")                                                            \
    X(INTEGER_TOO_LONG, "integer representation too long")                                         \
    X(INTEGER_TOO_LARGE, "integer too large")                                                      \
    X(MALFORMED_VALUE_TYPE, "malformed value type")                                                \
    X(MALFORMED_REFERENCE_TYPE, "malformed reference type")                                        \
    X(MALFORMED_UTF_8_ENCODING, "malformed UTF-8 encoding")                                        \
    X(MALFORMED_LIMITS_FLAGS, "malformed limits flags")                                            \
    X(SHARED_MEMORY_UNSUPPORTED, "shared memory is not supported")                                 \
    X(INVALID_CUSTOM_PAGE_SIZE, "invalid custom page size")                                        \
    X(TOO_MANY_ITEMS, "too many items")                                                            \
    X(COUNT_LARGER_THAN_SECTION, "unexpected end: count larger than section")                      \
    X(MALFORMED_FUNCTION_TYPE, "malformed function type")                                          \
    X(MALFORMED_MUTABILITY, "malformed mutability")                                                \
    X(MALFORMED_IMPORT_KIND, "malformed import kind")                                              \
    X(TOO_MANY_FUNCTIONS, "too many functions")                                                    \
    X(MALFORMED_EXPORT_KIND, "malformed export kind")                                              \
    X(MALFORMED_ELEMENTS_SEGMENT, "malformed elements segment kind")                               \
    X(MALFORMED_ELEMENT_KIND, "malformed element kind")                                            \
    X(DATA_COUNT_MISMATCH, "data count and data section have inconsistent lengths")                \
    X(MALFORMED_DATA_SEGMENT_KIND, "malformed data segment kind")                                  \
    X(UNEXPECTED_END_OF_SECTION, "unexpected end of section or function")                          \
    X(FUNCTION_CODE_MISMATCH, "function and code section have inconsistent lengths")               \
    X(TOO_MANY_LOCALS, "too many locals")                                                          \
    X(MAGIC_HEADER_NOT_DETECTED, "magic header not detected")                                      \
    X(UNKNOWN_BINARY_VERSION, "unknown binary version")                                            \
    X(SECTION_SIZE_UNEXPECTED_END, "section size mismatch: unexpected end")                        \
    X(MALFORMED_SECTION_ID, "malformed section id")                                                \
    X(SECTION_OUT_OF_ORDER, "unexpected content after last section (section out of order)")        \
    X(SECTION_SIZE_MISMATCH, "section size mismatch")                                              \
    X(MINIMUM_ABOVE_MAXIMUM, "size minimum must not be greater than maximum")                      \
    X(MEMORY_SIZE_TOO_LARGE, "memory size must be at most 65536 pages (4GiB)")                     \
    X(UNKNOWN_TYPE, "unknown type")                                                                \
    X(UNKNOWN_TABLE, "unknown table")                                                              \
    X(UNKNOWN_FUNCTION, "unknown function")                                                        \
    X(TYPE_MISMATCH, "type mismatch")                                                              \
    X(UNKNOWN_MEMORY, "unknown memory")                                                            \
    X(START_FUNCTION, "start function")                                                            \
    X(OUT_OF_MEMORY_LOADING, "out of memory while loading the module")                             \
    X(TOO_MANY_PARAMETERS, "too many parameters (implementation limit)")                           \
    X(TOO_MANY_RESULTS, "too many results (implementation limit)")                                 \
    X(OUT_OF_MEMORY_EXPORT_NAMES, "out of memory checking export names")                           \
    X(DUPLICATE_EXPORT_NAME, "duplicate export name ")                                             \
    X(HOST_FUNCTION, "host function ")                                                             \
    X(NO_PAUSED_CALL_TO_RESUME, "no paused call to resume")                                        \
    X(TOO_FEW_RESULT_SLOTS, "too few result slots")                                                \
    X(UNKNOWN_IMPORT, "unknown import")                                                            \
    X(INCOMPATIBLE_IMPORT, "incompatible import type for")                                         \
    X(INCOMPATIBLE_TABLE_IMPORT, "incompatible import type for table")                             \
    X(INCOMPATIBLE_MEMORY_IMPORT, "incompatible import type for memory")                           \
    X(INCOMPATIBLE_GLOBAL_IMPORT, "incompatible import type for global")                           \
    X(OUT_OF_MEMORY_INSTANTIATING, "out of memory instantiating")                                  \
    X(NOT_AN_EXPORTED_FUNCTION, "not an exported function")                                        \
    X(NULL_FUNCTION_REFERENCE, "null function reference")                                          \
    X(WRONG_NUMBER_OF_VALUES, "wrong number of arguments or results")                              \
    X(MEMORY_MINIMUM_TOO_LARGE, "memory minimum too large")                                        \
    X(MEMORY_MINIMUM_OF, "memory minimum of ")                                                     \
    X(MEMORY_TOO_LARGE_FOR_MACHINE, "memory too large for this machine")                           \
    X(OUT_OF_MEMORY_ALLOCATING, "out of memory allocating ")                                       \
    X(TABLE_TOO_LARGE, "table too large (implementation limit)")                                   \
    X(OUT_OF_MEMORY_FOR_TABLE, "out of memory allocating a table")                                 \
    X(MALFORMED_BLOCK_TYPE, "malformed block type")                                                \
    X(MALFORMED_MEMOP_FLAGS, "malformed memop flags")                                              \
    X(ZERO_BYTE_EXPECTED, "zero byte expected")                                                    \
    X(CODE_AFTER_FUNCTION_END, "section size mismatch: code after function end")                   \
    X(DATA_COUNT_SECTION_REQUIRED, "data count section required")                                  \
    X(ILLEGAL_OPCODE, "illegal opcode")                                                            \
    X(CONST_EXPR_TYPE_MISMATCH, "type mismatch in constant expression")                            \
    X(UNKNOWN_GLOBAL, "unknown global")                                                            \
    X(CONST_EXPR_REQUIRED, "constant expression required")                                         \
    X(CONST_EXPR_TOO_DEEP, "constant expression too deep (implementation limit)")                  \
    X(OPERAND_STACK_UNDERFLOW, "type mismatch: operand stack underflow")                           \
    X(ALIGNMENT_TOO_LARGE, "alignment must not be larger than natural")                            \
    X(UNKNOWN_LOCAL, "unknown local")                                                              \
    X(ELSE_WITHOUT_IF, "else without if")                                                          \
    X(VALUES_REMAIN_AT_ELSE, "type mismatch: values remain at else")                               \
    X(VALUES_REMAIN_AT_END, "type mismatch: values remain at end")                                 \
    X(IF_WITHOUT_ELSE_TYPES, "type mismatch: if without else")                                     \
    X(UNKNOWN_LABEL, "unknown label")                                                              \
    X(BR_TABLE_ARITY, "type mismatch: br_table arity")                                             \
    X(TABLE_NOT_FUNCREF, "type mismatch: table is not funcref")                                    \
    X(TAIL_CALL_RESULTS, "type mismatch: tail call results differ")                                \
    X(SELECT_NEEDS_TYPE, "type mismatch: select needs a type")                                     \
    X(INVALID_RESULT_ARITY, "invalid result arity")                                                \
    X(GLOBAL_IS_IMMUTABLE, "global is immutable")                                                  \
    X(UNDECLARED_FUNCTION_REFERENCE, "undeclared function reference")                              \
    X(UNKNOWN_DATA_SEGMENT, "unknown data segment")                                                \
    X(UNKNOWN_ELEM_SEGMENT, "unknown elem segment")                                                \
    X(OUT_OF_MEMORY_VALIDATING_LIMIT, "out of memory while validating (allocator limit)")          \
    X(OUT_OF_MEMORY_VALIDATING, "out of memory while validating")                                  \
    X(OUT_OF_MEMORY_SIDE_TABLE, "out of memory for the side table")

enum {
#define UW_M_ENUM(name, text) UW_M_##name,
    UW_MESSAGES(UW_M_ENUM)
#undef UW_M_ENUM
    UW_M_COUNT
};

#endif
