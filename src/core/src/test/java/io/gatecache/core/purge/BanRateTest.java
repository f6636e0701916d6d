package io.gatecache.core.purge;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BanRateTest {

    private static final long T0 = 1_000_000;

    @Test
    void aCallerHasItsBansAMinuteAtOnceThenOneEachShareOfTheMinute() {
        BanRate rate = new BanRate(3);
        for (int i = 0; i < 3; i++) {
            assertTrue(rate.take("10.0.0.1", T0), "ban " + i);
        }
        assertFalse(rate.take("10.0.0.1", T0), "a fourth within the same instant");
        assertFalse(rate.take("10.0.0.1", T0 + 19_999), "a third of a minute not yet gone");
        assertTrue(rate.take("10.0.0.1", T0 + 20_000), "one ban back each 20 s");
        assertFalse(rate.take("10.0.0.1", T0 + 20_000));
    }

    @Test
    void callersHaveBucketsOfTheirOwn() {
        BanRate rate = new BanRate(1);
        assertTrue(rate.take("10.0.0.1", T0));
        assertFalse(rate.take("10.0.0.1", T0));
        assertTrue(rate.take("10.0.0.2", T0), "another caller is not held up by the first");
    }

    @Test
    void aBucketNeverHoldsMoreThanAMinutesBans() {
        BanRate rate = new BanRate(2);
        rate.take("c", T0);
        long hourLater = T0 + 3_600_000;
        assertTrue(rate.take("c", hourLater));
        assertTrue(rate.take("c", hourLater));
        assertFalse(rate.take("c", hourLater), "an idle hour does not save up sixty minutes of bans");
    }

    @Test
    void manyCallersAreBoundedAndThoseBeyondShareOneBucket() {
        BanRate rate = new BanRate(1);
        for (int i = 0; i < BanRate.CALLERS; i++) {
            assertTrue(rate.take("caller-" + i, T0));
        }
        // every remembered caller has used its ban: the next ones share a bucket of one
        assertTrue(rate.take("late-1", T0));
        assertFalse(rate.take("late-2", T0));
        // a minute on, full buckets are forgotten, and a new caller gets its own again
        assertTrue(rate.take("late-2", T0 + 60_000));
        assertFalse(rate.take("late-2", T0 + 60_000));
        assertTrue(rate.take("late-3", T0 + 60_000));
    }

    @Test
    void atLeastOneBanAMinute() {
        assertThrows(IllegalArgumentException.class, () -> new BanRate(0));
    }
}
