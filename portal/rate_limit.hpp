// Per-client token bucket: `rate` requests per second sustained, bursts up to `burst`. Keyed by the
// remote address (the receiver is meant to sit directly on a network, or behind a proxy that
// limits for it). rate 0 disables limiting.
#pragma once
#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace selfcheck::portal {

class RateLimiter {
public:
    RateLimiter(double rate, double burst) : rate_(rate), burst_(burst) {}

    // True when the request may proceed; otherwise `retry_after_s` says when a token is due.
    bool allow(const std::string& client, double& retry_after_s) {
        if (rate_ <= 0) return true;
        const auto now = Clock::now();
        std::lock_guard<std::mutex> lock(mutex_);
        if (buckets_.size() > k_max_clients) prune(now);
        auto [it, fresh] = buckets_.try_emplace(client, Bucket{burst_, now});
        Bucket& b = it->second;
        if (!fresh) {
            double dt = std::chrono::duration<double>(now - b.last).count();
            b.tokens = std::min(burst_, b.tokens + dt * rate_);
            b.last = now;
        }
        if (b.tokens >= 1) {
            b.tokens -= 1;
            return true;
        }
        retry_after_s = (1 - b.tokens) / rate_;
        return false;
    }

private:
    using Clock = std::chrono::steady_clock;
    struct Bucket {
        double tokens;
        Clock::time_point last;
    };
    static constexpr std::size_t k_max_clients = 100000;

    // Forget clients whose bucket has refilled: they are indistinguishable from new ones.
    void prune(Clock::time_point now) {
        for (auto it = buckets_.begin(); it != buckets_.end();) {
            double dt = std::chrono::duration<double>(now - it->second.last).count();
            if (it->second.tokens + dt * rate_ >= burst_) it = buckets_.erase(it);
            else ++it;
        }
    }

    double rate_, burst_;
    std::mutex mutex_;
    std::unordered_map<std::string, Bucket> buckets_;
};

} // namespace selfcheck::portal
