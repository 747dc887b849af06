package io.canopy.localstack;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import io.canopy.contracts.Topics;

/**
 * Creates DESIGN.md's topics, and the dead-letter topic of every consumed one, on a fresh broker, as Strimzi's KafkaTopic resources do in a cluster.
 * Consumers must find their topics at start: a consumer subscribed to a topic that does not exist
 * yet only notices it at its next metadata refresh (five minutes by default), so a request
 * produced meanwhile would sit there unread.
 */
public final class CanopyTopics {

    private CanopyTopics() {
    }

    public static void create(String bootstrapServers, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = java.util.stream.Stream.concat(Topics.ALL.stream(), Topics.DEAD_LETTERS.stream())
                    .filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, partitions, (short) 1)).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                throw new IllegalStateException("cannot create Canopy's topics: " + e.getCause().getMessage(), e);
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot create Canopy's topics: the broker did not answer in 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
