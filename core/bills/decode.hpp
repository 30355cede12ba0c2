// Text and spreadsheet decoding for bill imports: CSV/TSV in UTF-8 (with or without BOM), UTF-16
// (Excel's "Unicode text") or GBK/GB18030 (WPS/Excel's default on Chinese Windows), and XLSX
// (ZIP + deflate + the sheet XML), all without third-party code.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace selfcheck::bills {

enum class Encoding { utf8, utf8_bom, utf16le, utf16be, gb18030 };
const char* encoding_name(Encoding e);  // "UTF-8", "UTF-8 (BOM)", "UTF-16LE", "UTF-16BE", "GB18030"

struct DecodedText {
    std::string utf8;
    Encoding encoding = Encoding::utf8;
    std::size_t bad_bytes = 0;  // undecodable sequences, replaced by U+FFFD
};
// UTF-8 when the bytes are valid UTF-8, else GB18030 (which includes GBK and GB2312).
DecodedText decode_text(std::string_view bytes);
// GB18030 bytes to UTF-8 (bad sequences become U+FFFD and are counted).
std::string gb18030_to_utf8(std::string_view bytes, std::size_t* bad = nullptr);

// A table: rows of cells, each row with its 1-based row number in the source.
struct Table {
    std::vector<std::vector<std::string>> rows;
    std::vector<int> row_numbers;
};
// Comma-, semicolon- or tab-separated text (the delimiter is taken from the first line), RFC 4180
// quotes. Empty rows are skipped (their numbers are kept on the others).
Table parse_delimited(std::string_view utf8);

// XLSX: the first worksheet as a table (shared strings, inline strings, numbers as written).
// Returns an error key (texts) on failure.
struct XlsxResult {
    std::optional<Table> table;
    std::string error;  // "bills.xlsx_not_zip", "bills.xlsx_no_sheet", "bills.xlsx_bad_deflate", ...
};
XlsxResult read_xlsx(std::string_view bytes);

// Raw deflate (RFC 1951). Empty optional on corrupt data or when the output would exceed max_out.
std::optional<std::string> inflate(std::string_view data, std::size_t max_out);

bool looks_like_zip(std::string_view bytes);

} // namespace selfcheck::bills
