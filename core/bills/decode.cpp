#include "bills/decode.hpp"

#include "validate.hpp"

#include <array>
#include <cstring>
#include <map>

namespace selfcheck::gb18030 {
extern const std::uint16_t k_gb2[126 * 190];
extern const std::uint32_t k_gb4[][2];
extern const std::size_t k_gb4_count;
} // namespace selfcheck::gb18030

namespace selfcheck::bills {

namespace {
void put_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) out += static_cast<char>(cp);
    else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}
constexpr std::uint32_t k_replacement = 0xFFFD;

std::string utf16_to_utf8(std::string_view b, bool le, std::size_t& bad) {
    std::string out;
    auto unit = [&](std::size_t i) -> std::uint32_t {
        auto lo = static_cast<unsigned char>(b[i]), hi = static_cast<unsigned char>(b[i + 1]);
        return le ? (lo | (hi << 8)) : (hi | (lo << 8));
    };
    for (std::size_t i = 0; i + 1 < b.size(); i += 2) {
        std::uint32_t u = unit(i);
        if (u >= 0xD800 && u < 0xDC00 && i + 3 < b.size()) {
            std::uint32_t u2 = unit(i + 2);
            if (u2 >= 0xDC00 && u2 < 0xE000) {
                put_utf8(out, 0x10000 + ((u - 0xD800) << 10) + (u2 - 0xDC00));
                i += 2;
                continue;
            }
        }
        if (u >= 0xD800 && u < 0xE000) ++bad, u = k_replacement;
        put_utf8(out, u);
    }
    return out;
}
} // namespace

const char* encoding_name(Encoding e) {
    switch (e) {
    case Encoding::utf8: return "UTF-8";
    case Encoding::utf8_bom: return "UTF-8 (BOM)";
    case Encoding::utf16le: return "UTF-16LE";
    case Encoding::utf16be: return "UTF-16BE";
    case Encoding::gb18030: return "GB18030";
    }
    return "";
}

std::string gb18030_to_utf8(std::string_view b, std::size_t* bad_out) {
    std::string out;
    out.reserve(b.size() * 3 / 2);
    std::size_t bad = 0;
    for (std::size_t i = 0; i < b.size();) {
        auto c = static_cast<unsigned char>(b[i]);
        if (c < 0x80) {
            out += static_cast<char>(c);
            ++i;
            continue;
        }
        if (c == 0x80 || c == 0xFF || i + 1 >= b.size()) {
            put_utf8(out, k_replacement), ++bad, ++i;
            continue;
        }
        auto c2 = static_cast<unsigned char>(b[i + 1]);
        if (c2 >= 0x30 && c2 <= 0x39) {  // four bytes
            if (i + 3 >= b.size()) {
                put_utf8(out, k_replacement), ++bad, i = b.size();
                continue;
            }
            auto c3 = static_cast<unsigned char>(b[i + 2]), c4 = static_cast<unsigned char>(b[i + 3]);
            if (c3 < 0x81 || c3 > 0xFE || c4 < 0x30 || c4 > 0x39) {
                put_utf8(out, k_replacement), ++bad, ++i;
                continue;
            }
            std::uint32_t lin = (((c - 0x81u) * 10 + (c2 - 0x30u)) * 126 + (c3 - 0x81u)) * 10 + (c4 - 0x30u);
            std::uint32_t cp = 0;
            const std::uint32_t supp_base = (((0x90u - 0x81u) * 10) * 126) * 10;  // 0x90308130
            if (lin >= supp_base) {
                cp = 0x10000 + (lin - supp_base);
                if (cp > 0x10FFFF) cp = 0;
            } else {
                // last range starting at or before lin
                std::size_t lo = 0, hi = gb18030::k_gb4_count;
                while (hi - lo > 1) {
                    std::size_t mid = (lo + hi) / 2;
                    (gb18030::k_gb4[mid][0] <= lin ? lo : hi) = mid;
                }
                if (gb18030::k_gb4_count && gb18030::k_gb4[lo][0] <= lin) {
                    cp = gb18030::k_gb4[lo][1] + (lin - gb18030::k_gb4[lo][0]);
                    if (cp > 0xFFFF) cp = 0;
                }
            }
            if (cp) put_utf8(out, cp);
            else put_utf8(out, k_replacement), ++bad;
            i += 4;
            continue;
        }
        if (c2 < 0x40 || c2 == 0x7F || c2 == 0xFF) {
            put_utf8(out, k_replacement), ++bad, ++i;
            continue;
        }
        std::size_t trail = c2 < 0x7F ? c2 - 0x40u : c2 - 0x41u;
        std::uint16_t cp = gb18030::k_gb2[(c - 0x81u) * 190 + trail];
        if (cp) put_utf8(out, cp);
        else put_utf8(out, k_replacement), ++bad;
        i += 2;
    }
    if (bad_out) *bad_out = bad;
    return out;
}

DecodedText decode_text(std::string_view b) {
    DecodedText d;
    if (b.size() >= 3 && std::memcmp(b.data(), "\xEF\xBB\xBF", 3) == 0) {
        d.encoding = Encoding::utf8_bom;
        d.utf8 = std::string(b.substr(3));
        if (!utf8_valid(d.utf8)) d.utf8 = gb18030_to_utf8(b.substr(3), &d.bad_bytes), d.encoding = Encoding::gb18030;
        return d;
    }
    if (b.size() >= 2 && static_cast<unsigned char>(b[0]) == 0xFF && static_cast<unsigned char>(b[1]) == 0xFE) {
        d.encoding = Encoding::utf16le;
        d.utf8 = utf16_to_utf8(b.substr(2), true, d.bad_bytes);
        return d;
    }
    if (b.size() >= 2 && static_cast<unsigned char>(b[0]) == 0xFE && static_cast<unsigned char>(b[1]) == 0xFF) {
        d.encoding = Encoding::utf16be;
        d.utf8 = utf16_to_utf8(b.substr(2), false, d.bad_bytes);
        return d;
    }
    if (utf8_valid(b)) {
        d.utf8 = std::string(b);
        return d;
    }
    d.encoding = Encoding::gb18030;
    d.utf8 = gb18030_to_utf8(b, &d.bad_bytes);
    return d;
}

Table parse_delimited(std::string_view s) {
    Table t;
    // delimiter: tab if the first line has one, else ';' if it has more of them than commas, else ','
    std::string_view first = s.substr(0, s.find('\n'));
    std::size_t tabs = 0, commas = 0, semis = 0;
    for (char c : first) tabs += c == '\t', commas += c == ',', semis += c == ';';
    const char delim = tabs ? '\t' : (semis > commas ? ';' : ',');
    std::vector<std::string> row;
    std::string cell;
    bool quoted = false, any = false;
    int line = 1, row_line = 1;
    auto end_row = [&] {
        row.push_back(cell);
        cell.clear();
        bool empty = true;
        for (const auto& c : row)
            if (c.find_first_not_of(" \t\r") != std::string::npos) empty = false;
        if (!empty) {
            t.rows.push_back(std::move(row));
            t.row_numbers.push_back(row_line);
        }
        row.clear();
        any = false;
    };
    for (std::size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < s.size() && s[i + 1] == '"') cell += '"', ++i;
                else quoted = false;
            } else {
                if (c == '\n') ++line;
                cell += c;
            }
            continue;
        }
        if (c == '"' && cell.find_first_not_of(" ") == std::string::npos) {
            cell.clear();
            quoted = true;
            any = true;
        } else if (c == delim) {
            row.push_back(cell);
            cell.clear();
            any = true;
        } else if (c == '\n') {
            if (!cell.empty() && cell.back() == '\r') cell.pop_back();
            end_row();
            row_line = ++line;
        } else {
            cell += c;
            any = true;
        }
    }
    if (any || !cell.empty()) {
        if (!cell.empty() && cell.back() == '\r') cell.pop_back();
        end_row();
    }
    return t;
}

// ---------------------------------------------------------------------------------------------
// Inflate (RFC 1951)

namespace {
struct BitReader {
    std::string_view d;
    std::size_t pos = 0;
    std::uint32_t bitbuf = 0;
    int bitcnt = 0;
    bool over = false;
    std::uint32_t bits(int n) {
        while (bitcnt < n) {
            if (pos >= d.size()) {
                over = true;
                return 0;
            }
            bitbuf |= static_cast<std::uint32_t>(static_cast<unsigned char>(d[pos++])) << bitcnt;
            bitcnt += 8;
        }
        std::uint32_t v = bitbuf & ((1u << n) - 1);
        bitbuf >>= n;
        bitcnt -= n;
        return v;
    }
};

struct Huffman {
    std::array<std::uint16_t, 16> count{};
    std::vector<std::uint16_t> symbol;
    bool build(const std::uint8_t* lengths, int n) {
        count.fill(0);
        for (int i = 0; i < n; ++i) count[lengths[i]]++;
        count[0] = 0;
        int left = 1;
        for (int len = 1; len < 16; ++len) {
            left <<= 1;
            left -= count[len];
            if (left < 0) return false;
        }
        std::array<std::uint16_t, 16> offs{};
        for (int len = 1; len < 15; ++len) offs[len + 1] = offs[len] + count[len];
        symbol.assign(n, 0);
        for (int i = 0; i < n; ++i)
            if (lengths[i]) symbol[offs[lengths[i]]++] = static_cast<std::uint16_t>(i);
        return true;
    }
    int decode(BitReader& br) const {
        int code = 0, first = 0, index = 0;
        for (int len = 1; len < 16; ++len) {
            code |= static_cast<int>(br.bits(1));
            if (br.over) return -1;
            int c = count[len];
            if (code - c < first) return symbol[index + (code - first)];
            index += c;
            first += c;
            first <<= 1;
            code <<= 1;
        }
        return -1;
    }
};

constexpr std::uint16_t k_len_base[] = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
                                        35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
constexpr std::uint8_t k_len_extra[] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
constexpr std::uint16_t k_dist_base[] = {1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129,
                                         193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
constexpr std::uint8_t k_dist_extra[] = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};

bool codes(BitReader& br, std::string& out, const Huffman& lit, const Huffman& dist, std::size_t max_out) {
    for (;;) {
        int sym = lit.decode(br);
        if (sym < 0) return false;
        if (sym < 256) {
            if (out.size() >= max_out) return false;
            out += static_cast<char>(sym);
        } else if (sym == 256) {
            return true;
        } else {
            sym -= 257;
            if (sym >= 29) return false;
            std::size_t len = k_len_base[sym] + br.bits(k_len_extra[sym]);
            int ds = dist.decode(br);
            if (ds < 0 || ds >= 30) return false;
            std::size_t d = k_dist_base[ds] + br.bits(k_dist_extra[ds]);
            if (br.over || d > out.size() || out.size() + len > max_out) return false;
            std::size_t from = out.size() - d;
            for (std::size_t k = 0; k < len; ++k) out += out[from + k];
        }
    }
}
} // namespace

std::optional<std::string> inflate(std::string_view data, std::size_t max_out) {
    BitReader br{data};
    std::string out;
    int last = 0;
    do {
        last = static_cast<int>(br.bits(1));
        int type = static_cast<int>(br.bits(2));
        if (br.over) return std::nullopt;
        if (type == 0) {
            br.bitbuf = 0, br.bitcnt = 0;
            if (br.pos + 4 > data.size()) return std::nullopt;
            auto u8 = [&](std::size_t i) { return static_cast<unsigned>(static_cast<unsigned char>(data[i])); };
            unsigned len = u8(br.pos) | (u8(br.pos + 1) << 8), nlen = u8(br.pos + 2) | (u8(br.pos + 3) << 8);
            br.pos += 4;
            if ((len ^ 0xFFFFu) != nlen || br.pos + len > data.size() || out.size() + len > max_out) return std::nullopt;
            out.append(data.substr(br.pos, len));
            br.pos += len;
        } else if (type == 1) {
            static const auto fixed = [] {
                std::pair<Huffman, Huffman> h;
                std::uint8_t l[288];
                for (int i = 0; i < 144; ++i) l[i] = 8;
                for (int i = 144; i < 256; ++i) l[i] = 9;
                for (int i = 256; i < 280; ++i) l[i] = 7;
                for (int i = 280; i < 288; ++i) l[i] = 8;
                h.first.build(l, 288);
                std::uint8_t dl[30];
                for (auto& x : dl) x = 5;
                h.second.build(dl, 30);
                return h;
            }();
            if (!codes(br, out, fixed.first, fixed.second, max_out)) return std::nullopt;
        } else if (type == 2) {
            int nlen = static_cast<int>(br.bits(5)) + 257, ndist = static_cast<int>(br.bits(5)) + 1;
            int ncode = static_cast<int>(br.bits(4)) + 4;
            if (br.over || nlen > 286 || ndist > 30) return std::nullopt;
            static constexpr std::uint8_t order[19] = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};
            std::uint8_t lengths[320] = {};
            for (int i = 0; i < ncode; ++i) lengths[order[i]] = static_cast<std::uint8_t>(br.bits(3));
            Huffman lencode;
            if (!lencode.build(lengths, 19)) return std::nullopt;
            std::uint8_t ll[320] = {};
            int idx = 0;
            while (idx < nlen + ndist) {
                int sym = lencode.decode(br);
                if (sym < 0) return std::nullopt;
                if (sym < 16) {
                    ll[idx++] = static_cast<std::uint8_t>(sym);
                } else {
                    int rep = 0;
                    std::uint8_t val = 0;
                    if (sym == 16) {
                        if (idx == 0) return std::nullopt;
                        val = ll[idx - 1];
                        rep = 3 + static_cast<int>(br.bits(2));
                    } else if (sym == 17) {
                        rep = 3 + static_cast<int>(br.bits(3));
                    } else {
                        rep = 11 + static_cast<int>(br.bits(7));
                    }
                    if (idx + rep > nlen + ndist) return std::nullopt;
                    while (rep--) ll[idx++] = val;
                }
            }
            Huffman lit, dist;
            if (!lit.build(ll, nlen) || !dist.build(ll + nlen, ndist)) return std::nullopt;
            if (!codes(br, out, lit, dist, max_out)) return std::nullopt;
        } else {
            return std::nullopt;
        }
    } while (!last);
    return out;
}

// ---------------------------------------------------------------------------------------------
// ZIP + XLSX

bool looks_like_zip(std::string_view b) { return b.size() >= 4 && b.substr(0, 4) == std::string_view("PK\x03\x04", 4); }

namespace {
std::uint32_t le16(std::string_view b, std::size_t i) {
    return static_cast<unsigned char>(b[i]) | (static_cast<unsigned char>(b[i + 1]) << 8);
}
std::uint32_t le32(std::string_view b, std::size_t i) { return le16(b, i) | (le16(b, i + 2) << 16); }

constexpr std::size_t k_max_xml = 64u << 20;  // an uncompressed part larger than this is refused

// name -> data of the ZIP members we need; error key on failure
std::string zip_members(std::string_view b, std::map<std::string, std::string>& out, bool (*want)(const std::string&)) {
    if (b.size() < 22) return "bills.xlsx_not_zip";
    std::size_t eocd = std::string_view::npos;
    for (std::size_t i = b.size() - 22 + 1; i-- > 0 && b.size() - i <= 22 + 65535;)
        if (le32(b, i) == 0x06054b50) {
            eocd = i;
            break;
        }
    if (eocd == std::string_view::npos) return "bills.xlsx_not_zip";
    std::size_t n = le16(b, eocd + 10), cd = le32(b, eocd + 16);
    for (std::size_t k = 0; k < n; ++k) {
        if (cd + 46 > b.size() || le32(b, cd) != 0x02014b50) return "bills.xlsx_not_zip";
        std::uint32_t method = le16(b, cd + 10), csize = le32(b, cd + 20), usize = le32(b, cd + 24);
        std::size_t nlen = le16(b, cd + 28), elen = le16(b, cd + 30), clen = le16(b, cd + 32), loc = le32(b, cd + 42);
        if (cd + 46 + nlen > b.size()) return "bills.xlsx_not_zip";
        std::string name(b.substr(cd + 46, nlen));
        cd += 46 + nlen + elen + clen;
        if (!want(name)) continue;
        if (loc + 30 > b.size() || le32(b, loc) != 0x04034b50) return "bills.xlsx_not_zip";
        std::size_t data = loc + 30 + le16(b, loc + 26) + le16(b, loc + 28);
        if (data + csize > b.size() || usize > k_max_xml) return "bills.xlsx_not_zip";
        std::string_view comp = b.substr(data, csize);
        if (method == 0) out[name] = std::string(comp);
        else if (method == 8) {
            auto inf = inflate(comp, k_max_xml);
            if (!inf) return "bills.xlsx_bad_deflate";
            out[name] = std::move(*inf);
        } else {
            return "bills.xlsx_bad_deflate";
        }
    }
    return "";
}

std::string xml_unescape(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '&') {
            out += s[i];
            continue;
        }
        std::size_t semi = s.find(';', i);
        if (semi == std::string_view::npos || semi - i > 10) {
            out += '&';
            continue;
        }
        std::string_view ent = s.substr(i + 1, semi - i - 1);
        if (ent == "amp") out += '&';
        else if (ent == "lt") out += '<';
        else if (ent == "gt") out += '>';
        else if (ent == "quot") out += '"';
        else if (ent == "apos") out += '\'';
        else if (!ent.empty() && ent[0] == '#') {
            std::uint32_t cp = 0;
            bool hex = ent.size() > 1 && (ent[1] == 'x' || ent[1] == 'X');
            for (std::size_t k = hex ? 2 : 1; k < ent.size(); ++k) {
                char c = ent[k];
                int d = (c >= '0' && c <= '9') ? c - '0' : (hex && c >= 'a' && c <= 'f') ? c - 'a' + 10 : (hex && c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
                if (d < 0 || cp > 0x10FFFF) break;
                cp = cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(d);
            }
            put_utf8(out, cp && cp <= 0x10FFFF ? cp : k_replacement);
        } else {
            out.append(s.substr(i, semi - i + 1));
            i = semi;
            continue;
        }
        i = semi;
    }
    return out;
}

// Text of all <t>...</t> (or <t xml:space=...>) elements inside [b, e).
std::string text_runs(std::string_view x) {
    std::string out;
    std::size_t p = 0;
    while ((p = x.find("<t", p)) != std::string_view::npos) {
        char after = p + 2 < x.size() ? x[p + 2] : '\0';
        if (after != '>' && after != ' ') {
            p += 2;
            continue;
        }
        std::size_t gt = x.find('>', p);
        if (gt == std::string_view::npos) break;
        if (x[gt - 1] == '/') {
            p = gt + 1;
            continue;
        }
        std::size_t close = x.find("</t>", gt);
        if (close == std::string_view::npos) break;
        out += xml_unescape(x.substr(gt + 1, close - gt - 1));
        p = close + 4;
    }
    return out;
}

std::string attr(std::string_view tag, std::string_view name) {
    std::string key = " " + std::string(name) + "=\"";
    std::size_t p = tag.find(key);
    if (p == std::string_view::npos) return {};
    p += key.size();
    std::size_t e = tag.find('"', p);
    return e == std::string_view::npos ? std::string() : std::string(tag.substr(p, e - p));
}

bool want_member(const std::string& n) {
    return n == "xl/sharedStrings.xml" || n == "xl/workbook.xml" || n == "xl/_rels/workbook.xml.rels" ||
           n.rfind("xl/worksheets/sheet", 0) == 0;
}
} // namespace

XlsxResult read_xlsx(std::string_view b) {
    XlsxResult r;
    std::map<std::string, std::string> m;
    if (std::string e = zip_members(b, m, want_member); !e.empty()) {
        r.error = e;
        return r;
    }
    // The first sheet of the workbook: workbook.xml's first <sheet r:id>, resolved through the rels.
    std::string sheet_path;
    if (m.count("xl/workbook.xml") && m.count("xl/_rels/workbook.xml.rels")) {
        const std::string& wb = m["xl/workbook.xml"];
        std::size_t p = wb.find("<sheet ");
        if (p != std::string::npos) {
            std::string tag = wb.substr(p, wb.find('>', p) - p);
            std::string rid = attr(tag, "r:id");
            const std::string& rels = m["xl/_rels/workbook.xml.rels"];
            for (std::size_t q = rels.find("<Relationship "); q != std::string::npos; q = rels.find("<Relationship ", q + 1)) {
                std::string rt = rels.substr(q, rels.find('>', q) - q);
                if (attr(rt, "Id") == rid) {
                    std::string target = attr(rt, "Target");
                    if (target.rfind("/xl/", 0) == 0) sheet_path = target.substr(1);
                    else sheet_path = "xl/" + target;
                }
            }
        }
    }
    if (sheet_path.empty() || !m.count(sheet_path)) sheet_path = "xl/worksheets/sheet1.xml";
    if (!m.count(sheet_path)) {
        r.error = "bills.xlsx_no_sheet";
        return r;
    }
    std::vector<std::string> shared;
    if (m.count("xl/sharedStrings.xml")) {
        const std::string& ss = m["xl/sharedStrings.xml"];
        for (std::size_t p = ss.find("<si"); p != std::string::npos;) {
            std::size_t e = ss.find("</si>", p);
            std::size_t selfclose = ss.find("/>", p);
            std::size_t gt = ss.find('>', p);
            if (gt != std::string::npos && selfclose + 1 == gt) {  // <si/>
                shared.emplace_back();
                p = ss.find("<si", gt);
                continue;
            }
            if (e == std::string::npos) break;
            shared.push_back(text_runs(std::string_view(ss).substr(p, e - p)));
            p = ss.find("<si", e);
        }
    }
    const std::string& x = m[sheet_path];
    Table t;
    for (std::size_t p = x.find("<row"); p != std::string::npos;) {
        std::size_t gt = x.find('>', p);
        if (gt == std::string::npos) break;
        std::string rtag = x.substr(p, gt - p);
        int rownum = std::atoi(attr(rtag, "r").c_str());
        if (x[gt - 1] == '/') {
            p = x.find("<row", gt);
            continue;
        }
        std::size_t rend = x.find("</row>", gt);
        if (rend == std::string::npos) break;
        std::string_view row = std::string_view(x).substr(gt + 1, rend - gt - 1);
        std::vector<std::string> cells;
        for (std::size_t c = row.find("<c"); c != std::string_view::npos;) {
            std::size_t cgt = row.find('>', c);
            if (cgt == std::string_view::npos) break;
            std::string ctag(row.substr(c, cgt - c));
            std::string ref = attr(ctag, "r"), type = attr(ctag, "t");
            std::size_t col = 0;
            for (char ch : ref) {
                if (ch < 'A' || ch > 'Z') break;
                col = col * 26 + static_cast<std::size_t>(ch - 'A' + 1);
            }
            col = col ? col - 1 : cells.size();
            std::string value;
            std::size_t cend = cgt;
            if (row[cgt - 1] != '/') {
                cend = row.find("</c>", cgt);
                if (cend == std::string_view::npos) break;
                std::string_view inner = row.substr(cgt + 1, cend - cgt - 1);
                if (type == "inlineStr") {
                    value = text_runs(inner);
                } else {
                    std::size_t v = inner.find("<v>");
                    std::size_t ve = inner.find("</v>");
                    if (v != std::string_view::npos && ve != std::string_view::npos)
                        value = xml_unescape(inner.substr(v + 3, ve - v - 3));
                    if (type == "s") {
                        std::size_t idx = static_cast<std::size_t>(std::atol(value.c_str()));
                        value = idx < shared.size() ? shared[idx] : std::string();
                    }
                }
            }
            if (col < 16384) {
                if (cells.size() <= col) cells.resize(col + 1);
                cells[col] = value;
            }
            c = row.find("<c", cend);
        }
        bool empty = true;
        for (const auto& cell : cells)
            if (!cell.empty()) empty = false;
        if (!empty) {
            t.rows.push_back(std::move(cells));
            t.row_numbers.push_back(rownum ? rownum : static_cast<int>(t.rows.size()));
        }
        p = x.find("<row", rend);
    }
    r.table = std::move(t);
    return r;
}

} // namespace selfcheck::bills
