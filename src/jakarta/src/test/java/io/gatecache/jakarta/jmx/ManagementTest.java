package io.gatecache.jakarta.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gatecache.spi.StoreStatus.Membership;
import org.junit.jupiter.api.Test;

/** The cluster attributes' values are part of the product: they read as they always have. */
class ManagementTest {

    @Test
    void clusterModeIsLowerCase() {
        assertEquals("local", Management.modeName(Membership.Mode.LOCAL));
        assertEquals("replicated", Management.modeName(Membership.Mode.REPLICATED));
        assertEquals("distributed", Management.modeName(Membership.Mode.DISTRIBUTED));
    }

    @Test
    void clusterAvailabilityUsesInfinispansNames() {
        // org.infinispan.partitionhandling.AvailabilityMode's constants, as they were shown before
        assertEquals("AVAILABLE", Management.availabilityName(Membership.Availability.AVAILABLE));
        assertEquals("DEGRADED_MODE", Management.availabilityName(Membership.Availability.DEGRADED));
        assertEquals("UNKNOWN", Management.availabilityName(Membership.Availability.UNKNOWN));
    }

    @Test
    void aLocalStoreShowsItselfAlone() {
        assertEquals("local", Management.modeName(Membership.LOCAL.mode()));
        assertEquals("AVAILABLE", Management.availabilityName(Membership.LOCAL.availability()));
        assertEquals("coordinator", Membership.LOCAL.role());
    }
}
