package io.canopy.metering.config;

import java.time.Duration;
import java.util.List;

import io.canopy.metering.domain.MeteringRules;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code canopy.metering.*}: the judgement calls of metering and how its consumer runs. */
@ConfigMapping(prefix = "canopy.metering")
public interface MeteringConfig {

    /** A device step above this many impressions per elapsed day is held for review, not deposited. */
    @WithDefault("100000")
    long maxPagesPerDay();

    /** Counter widths that roll over: 7-digit displays, 31 and 32 bit counters. */
    @WithDefault("10000000,2147483648,4294967296")
    List<Long> rolloverModuli();

    /** Standard pages per tree for volume answers (DESIGN.md: 8,333). */
    @WithDefault("8333")
    long pagesPerTree();

    /** IANA zone of a feed whose events carry none (DESIGN.md: default UTC). */
    @WithDefault("UTC")
    String defaultTimeZone();

    Consumer consumer();

    default MeteringRules rules() {
        return new MeteringRules(maxPagesPerDay(), rolloverModuli());
    }

    /** The readings consumer (plain Kafka consumer: offsets are committed only after each transaction). */
    interface Consumer {

        /** Consume at all (off for tests that only need the REST API or the ledger). */
        @WithDefault("true")
        boolean enabled();

        @WithDefault("canopy.meter.readings.v1")
        String topic();

        @WithDefault("metering-service")
        String groupId();

        /**
         * Records per poll, which is also records per database transaction. Each batch costs a fixed
         * ~20 statements whatever its size, so larger batches are cheaper per snapshot (issue #18:
         * 2,000 measured better than 500 on MeteringThroughputBench); a poison batch is redone record
         * by record, which bounds how large is still sensible.
         */
        @WithDefault("2000")
        int maxPollRecords();

        @WithDefault("500ms")
        Duration pollTimeout();

        /** First pause after PostgreSQL or Kafka failed; doubles up to {@link #maxBackoff()}. */
        @WithDefault("500ms")
        Duration initialBackoff();

        @WithDefault("30s")
        Duration maxBackoff();
    }
}
