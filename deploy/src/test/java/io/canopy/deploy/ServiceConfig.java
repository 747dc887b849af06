package io.canopy.deploy;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service's own application.properties, read so that the deployment follows the services
 * (not a copy of their keys that would drift): its HTTP port, its Kafka channels, and the
 * settings a deployment must provide.
 */
record ServiceConfig(String module, Map<String, String> properties, Map<String, String> testProfile) {

    private static final Pattern ENV_EXPRESSION = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::[^}]*)?}");
    /** Keys that tests must set because production cannot have a default: secrets and public URLs. */
    private static final Pattern SECRET_OR_URL = Pattern.compile(".*(token|\\.keys\\..*|password|secret|public-url)$");

    static ServiceConfig of(String module) {
        Properties raw = new Properties();
        try {
            raw.load(new StringReader(Repo.read(Repo.root().resolve(module).resolve("src/main/resources/application.properties"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> plain = new LinkedHashMap<>();
        Map<String, String> test = new LinkedHashMap<>();
        raw.stringPropertyNames().forEach(k -> {
            if (k.startsWith("%test.")) {
                test.put(k.substring("%test.".length()), raw.getProperty(k));
            } else if (!k.startsWith("%")) {
                plain.put(k, raw.getProperty(k));
            }
        });
        return new ServiceConfig(module, plain, test);
    }

    int httpPort() {
        return Integer.parseInt(properties.get("quarkus.http.port"));
    }

    boolean hasDatasource() {
        return properties.containsKey("quarkus.datasource.jdbc.url");
    }

    /** Topics of the SmallRye channels this service declares, by direction (incoming/outgoing). */
    Set<String> channelTopics(String direction) {
        Set<String> topics = new TreeSet<>();
        properties.forEach((k, v) -> {
            // a channel's dead-letter-queue.topic is written, not consumed: KafkaTopologyTest checks it against PRODUCES
            if (k.startsWith("mp.messaging." + direction + ".") && k.endsWith(".topic")
                    && !k.endsWith(".dead-letter-queue.topic")) {
                topics.add(v);
            }
        });
        return topics;
    }

    /**
     * Environment variables a deployment must set for this service: every key whose default points
     * at the developer's machine (127.0.0.1/localhost, the local postgres user), every environment
     * variable an expression names, every secret or public URL only the test profile provides, and
     * what {@link Canopy#EXTRA_REQUIRED_ENV} adds.
     */
    Set<String> requiredEnv() {
        Set<String> env = new TreeSet<>(Canopy.EXTRA_REQUIRED_ENV.getOrDefault(module, Set.of()));
        properties.forEach((k, v) -> {
            if (v.contains("127.0.0.1") || v.contains("localhost") || k.equals("quarkus.datasource.username")
                    || k.equals("quarkus.datasource.password") || k.equals("quarkus.flyway.username")
                    || k.equals("quarkus.flyway.password")) {
                env.add(envName(k));
            }
            Matcher m = ENV_EXPRESSION.matcher(v);
            while (m.find()) {
                env.add(m.group(1));
            }
        });
        testProfile.keySet().stream().filter(k -> SECRET_OR_URL.matcher(k).matches() && !properties.containsKey(k))
                .forEach(k -> env.add(envName(k)));
        return env;
    }

    /** MicroProfile Config's environment form of a property name. */
    static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
    }
}
