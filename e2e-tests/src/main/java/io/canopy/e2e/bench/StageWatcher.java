package io.canopy.e2e.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.canopy.contracts.Topics;
import io.canopy.contracts.cloudevents.CloudEventHeaders;
import io.canopy.contracts.events.EventType;

/**
 * Watches a night from the outside, the way a downstream subscriber would: a plain consumer (no
 * group) reads every record published on the four topics of a night after the offsets it started
 * at, counts them by CloudEvents type (headers only: decoding half a million snapshots would steal
 * the CPU the services need) and keeps the newest record timestamp of each stage; beside it, the
 * metering consumer group's committed offsets tell when the last reading was metered.
 */
final class StageWatcher implements AutoCloseable {

    static final String METERING_GROUP = "metering-service";
    static final String COLLECTOR_GROUP = "collector-service";
    static final List<String> TOPICS = List.of(Topics.COLLECTION_REQUESTS, Topics.METER_READINGS,
            Topics.COLLECTION_OUTCOMES, Topics.DEPOSITS);

    private final String bootstrap;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Admin admin;
    private final Map<TopicPartition, Long> start;
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> newest = new ConcurrentHashMap<>();
    private final Map<TopicPartition, AtomicLong> perPartition = new ConcurrentHashMap<>();
    private final AtomicLong firstReading = new AtomicLong(Long.MAX_VALUE);
    private volatile long meteredCommitted;
    private volatile long meteringLastAdvance;
    private volatile long readingsEnd;
    private volatile boolean running = true;
    private volatile RuntimeException failure;
    private final Thread thread;

    StageWatcher(String bootstrap) {
        this.bootstrap = bootstrap;
        this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : TOPICS) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        this.start = new HashMap<>(consumer.endOffsets(partitions, Duration.ofSeconds(30)));
        start.forEach(consumer::seek);
        this.meteredCommitted = committedReadings();
        this.meteringLastAdvance = System.currentTimeMillis();
        this.thread = new Thread(this::watch, "night-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    /** Where the night starts on each partition of the four topics. */
    Map<TopicPartition, Long> startOffsets() {
        return start;
    }

    private void watch() {
        long nextGroupCheck = 0;
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    Header header = record.headers().lastHeader(CloudEventHeaders.TYPE);
                    String type = header == null ? "?" : EventType.fromCeType(new String(header.value(),
                            StandardCharsets.UTF_8)).map(Enum::name).orElse("?");
                    counts.computeIfAbsent(type, k -> new AtomicLong()).incrementAndGet();
                    newest.computeIfAbsent(type, k -> new AtomicLong()).accumulateAndGet(record.timestamp(), Math::max);
                    if (type.equals(EventType.METER_SNAPSHOT.name()) || type.equals(EventType.USAGE_AGGREGATE.name())) {
                        firstReading.accumulateAndGet(record.timestamp(), Math::min);
                    }
                    perPartition.computeIfAbsent(new TopicPartition(record.topic(), record.partition()),
                            k -> new AtomicLong()).incrementAndGet();
                }
                long now = System.currentTimeMillis();
                if (now >= nextGroupCheck) {
                    nextGroupCheck = now + 200;
                    long committed = committedReadings();
                    if (committed != meteredCommitted) {
                        meteredCommitted = committed;
                        meteringLastAdvance = now;
                    }
                    readingsEnd = consumer.endOffsets(partitionsOf(Topics.METER_READINGS)).values().stream()
                            .mapToLong(Long::longValue).sum();
                }
            }
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    private List<TopicPartition> partitionsOf(String topic) {
        return start.keySet().stream().filter(tp -> tp.topic().equals(topic)).toList();
    }

    private long committedReadings() {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(METERING_GROUP)
                    .partitionsToOffsetAndMetadata().get();
            return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(Topics.METER_READINGS))
                    .filter(e -> e.getValue() != null).mapToLong(e -> e.getValue().offset()).sum();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot read the metering group's offsets: " + e.getCause(), e);
        }
    }

    void check() {
        if (failure != null) {
            throw new IllegalStateException("the night watcher failed: " + failure.getMessage(), failure);
        }
    }

    long count(EventType type) {
        AtomicLong count = counts.get(type.name());
        return count == null ? 0 : count.get();
    }

    /** Newest record timestamp (epoch ms) of that type, 0 when none. */
    long newest(EventType type) {
        AtomicLong ts = newest.get(type.name());
        return ts == null ? 0 : ts.get();
    }

    long firstReadingAt() {
        return firstReading.get() == Long.MAX_VALUE ? 0 : firstReading.get();
    }

    /** Records of the night on a partition. */
    long countOn(TopicPartition partition) {
        AtomicLong count = perPartition.get(partition);
        return count == null ? 0 : count.get();
    }

    /** Readings published but not yet committed by metering (as of the last check). */
    long meteringLag() {
        return Math.max(0, readingsEnd - meteredCommitted);
    }

    boolean meteringCaughtUp() {
        return readingsEnd > 0 && meteredCommitted >= readingsEnd;
    }

    /** When metering's committed offsets last moved (epoch ms, 200 ms resolution). */
    long meteringLastAdvance() {
        return meteringLastAdvance;
    }

    /** Per member of the group: its client id, partitions of {@code topic} and the night's records on them. */
    List<String> split(String group, String topic) {
        List<String> lines = new ArrayList<>();
        try {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).describedGroups()
                    .get(group).get();
            int n = 0;
            for (MemberDescription member : description.members()) {
                n++;
                List<TopicPartition> mine = member.assignment().topicPartitions().stream()
                        .filter(tp -> tp.topic().equals(topic)).sorted(java.util.Comparator
                                .comparingInt(TopicPartition::partition)).toList();
                long records = mine.stream().mapToLong(this::countOn).sum();
                lines.add(String.format("%s instance %d (consumer %s): partitions %s of %s, %,d records of the night",
                        group, n, member.consumerId().length() > 50 ? member.consumerId().substring(0, 50) : member.consumerId(),
                        mine.stream().map(TopicPartition::partition).toList(), topic, records));
            }
        } catch (Exception e) {
            lines.add(group + ": cannot describe (" + e.getMessage() + ")");
        }
        return lines;
    }

    /** The end offsets now of every partition watched. */
    Map<TopicPartition, Long> endOffsets() {
        try {
            Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new HashMap<>();
            start.keySet().forEach(tp -> latest.put(tp, org.apache.kafka.clients.admin.OffsetSpec.latest()));
            Map<TopicPartition, Long> end = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) -> end.put(tp, info.offset()));
            return end;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot read end offsets: " + e.getCause(), e);
        }
    }

    String bootstrap() {
        return bootstrap;
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close();
        admin.close();
    }
}
