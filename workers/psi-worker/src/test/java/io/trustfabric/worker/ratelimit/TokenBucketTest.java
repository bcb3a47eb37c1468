package io.trustfabric.worker.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Token buckets on a simulated clock. */
class TokenBucketTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void burstThenSustainedRateWithExactWaits() {
        TokenBucket bucket = new TokenBucket(new Rate(2, 3), 0);
        assertThat(bucket.tryTake(0)).isZero();
        assertThat(bucket.tryTake(0)).isZero();
        assertThat(bucket.tryTake(0)).isZero();
        assertThat(bucket.tryTake(0)).isEqualTo(SECOND / 2);          // one token every 0.5 s
        assertThat(bucket.tryTake(SECOND / 4)).isEqualTo(SECOND / 4); // half a token there already
        assertThat(bucket.tryTake(SECOND / 2)).isZero();
        assertThat(bucket.tryTake(SECOND / 2)).isEqualTo(SECOND / 2);
        assertThat(bucket.tryTake(100 * SECOND)).isZero();             // refilled to the burst, no more
        assertThat(bucket.tryTake(100 * SECOND)).isZero();
        assertThat(bucket.tryTake(100 * SECOND)).isZero();
        assertThat(bucket.tryTake(100 * SECOND)).isPositive();
    }

    @Test
    void partnersHaveTheirOwnBucketsAndARateChangeStartsAfresh() {
        AtomicLong now = new AtomicLong();
        PartnerRateLimiter limiter = new PartnerRateLimiter(now::get);
        Rate one = new Rate(1, 1);
        assertThat(limiter.tryAcquire("globex", one)).isZero();
        assertThat(limiter.tryAcquire("globex", one)).isEqualTo(SECOND);
        assertThat(limiter.tryAcquire("initech", one)).isZero();
        assertThat(limiter.tryAcquire("globex", new Rate(1, 2))).isZero();
        assertThat(limiter.tryAcquire("globex", null)).isZero();
        now.addAndGet(SECOND);
        assertThat(limiter.tryAcquire("initech", one)).isZero();
    }

    @Test
    void retryAfterRoundsUpToWholeSeconds() {
        assertThat(PartnerRateLimiter.retryAfterSeconds(1)).isEqualTo(1);
        assertThat(PartnerRateLimiter.retryAfterSeconds(SECOND)).isEqualTo(1);
        assertThat(PartnerRateLimiter.retryAfterSeconds(SECOND + 1)).isEqualTo(2);
    }
}
