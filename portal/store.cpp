// Picks the storage implementation from --db (store.hpp).
#include "store.hpp"

namespace selfcheck::portal {

bool is_postgres_uri(const std::string& db) {
    return db.rfind("postgresql://", 0) == 0 || db.rfind("postgres://", 0) == 0;
}

std::string redact_db(const std::string& db) {
    if (!is_postgres_uri(db)) return db;
    std::string s = db;
    // postgresql://user:secret@host/… -> postgresql://user:***@host/…
    std::size_t start = s.find("://") + 3;
    std::size_t end = s.find_first_of("/?", start);
    std::size_t at = s.rfind('@', end == std::string::npos ? std::string::npos : end);
    if (at != std::string::npos && at >= start) {
        std::size_t colon = s.find(':', start);
        if (colon != std::string::npos && colon < at) s.replace(colon + 1, at - colon - 1, "***");
    }
    // …?password=secret&… -> …?password=***&…
    for (std::size_t q = s.find('?'); q != std::string::npos;) {
        std::size_t k = q + 1;
        std::size_t amp = s.find('&', k);
        std::size_t len = (amp == std::string::npos ? s.size() : amp) - k;
        if (s.compare(k, 9, "password=") == 0 && len >= 9) {
            s.replace(k + 9, len - 9, "***");
            amp = s.find('&', k);
        }
        q = amp;
    }
    return s;
}

std::unique_ptr<Store> open_store(const std::string& db, const StoreOptions& opt, std::string& error) {
    if (is_postgres_uri(db)) return open_postgres_store(db, opt, error);
    return open_sqlite_store(db, error);
}

} // namespace selfcheck::portal
