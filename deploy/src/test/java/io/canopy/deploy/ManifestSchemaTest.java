package io.canopy.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The schema check is only worth something if it rejects broken manifests: it does. */
class ManifestSchemaTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: demo
            spec:
              replicas: 2
              selector:
                matchLabels: {app: demo}
              template:
                metadata:
                  labels: {app: demo}
                spec:
                  containers:
                    - name: demo
                      image: demo:1
                      ports:
                        - containerPort: 8080
            """;

    private static JsonNode one(String yaml) {
        return Manifests.parse(yaml).get(0);
    }

    @Test
    void acceptsAValidDeployment() {
        assertThat(ManifestSchema.violations(one(DEPLOYMENT))).isEmpty();
    }

    @Test
    void rejectsAMisspeltField() {
        assertThat(ManifestSchema.violations(one(DEPLOYMENT.replace("containerPort", "containerPrt"))))
                .singleElement().asString().contains("containerPrt");
    }

    @Test
    void rejectsAFieldAtTheWrongLevel() {
        assertThat(ManifestSchema.violations(one(DEPLOYMENT.replace("  replicas: 2", "  replicas: 2\n  image: demo:1"))))
                .singleElement().asString().contains("image");
    }

    @Test
    void rejectsAStringWhereTheApiWantsAnInteger() {
        assertThat(ManifestSchema.violations(one(DEPLOYMENT.replace("replicas: 2", "replicas: two")))).hasSize(1);
        assertThat(ManifestSchema.violations(one(DEPLOYMENT.replace("replicas: 2", "replicas: \"2\"")))).hasSize(1);
    }

    @Test
    void rejectsANonStringAnnotationValue() {
        String ingress = """
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata:
                  name: api
                  annotations:
                    nginx.ingress.kubernetes.io/use-regex: true
                spec:
                  ingressClassName: nginx
                """;
        assertThat(ManifestSchema.violations(one(ingress))).hasSize(1);
        assertThat(ManifestSchema.violations(one(ingress.replace(": true", ": \"true\"")))).isEmpty();
    }

    @Test
    void rejectsAMisspeltStrimziField() {
        String topic = """
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaTopic
                metadata:
                  name: t
                spec:
                  topicName: canopy.deposits.v1
                  partitions: 3
                  replicas: 3
                """;
        assertThat(ManifestSchema.violations(one(topic))).isEmpty();
        assertThat(ManifestSchema.violations(one(topic.replace("partitions", "partition")))).singleElement().asString()
                .contains("partition");
    }

    @Test
    void rejectsAnUnknownStrimziAuthenticationType() {
        String user = """
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaUser
                metadata:
                  name: u
                spec:
                  authentication:
                    type: scram-sha-512
                """;
        assertThat(ManifestSchema.violations(one(user))).isEmpty();
        assertThat(ManifestSchema.violations(one(user.replace("scram-sha-512", "scram-sha-1")))).hasSize(1);
    }

    @Test
    void rejectsAKindWithoutSchemaAndAnObjectWithoutName() {
        assertThat(ManifestSchema.violations(one("apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n")))
                .singleElement().asString().contains("no schema");
        assertThat(ManifestSchema.violations(one("apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n")))
                .singleElement().asString().contains("metadata.name");
    }
}
