package io.canopy.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherTest {

    @TempDir
    Path home;

    @Test
    void aPidFileIsTrustedOnlyWhenPidAndStartTimeBothMatch() throws Exception {
        ProcessSupervisor processes = new ProcessSupervisor(home.resolve(".canopy"));
        Files.createDirectories(home.resolve(".canopy/run"));
        ProcessHandle self = ProcessHandle.current();
        long start = self.info().startInstant().orElseThrow().toEpochMilli();

        Files.writeString(home.resolve(".canopy/run/kafka.pid"), self.pid() + " " + start);
        assertThat(processes.running("kafka")).contains(self);

        // Same pid, other start time: the pid was recycled by an unrelated process; never touch it.
        Files.writeString(home.resolve(".canopy/run/kafka.pid"), self.pid() + " " + (start - 60_000));
        assertThat(processes.running("kafka")).isEmpty();

        Files.writeString(home.resolve(".canopy/run/kafka.pid"), "not a pid");
        assertThat(processes.running("kafka")).isEmpty();
    }

    @Test
    void downWithNothingRunningSaysSoAndSucceeds() {
        assertThat(Launcher.down(home, Map.of())).isZero();
    }

    @Test
    void servicePortsFollowTheDesignAndCanBeOverridden() {
        assertThat(ServiceSpec.ALL).extracting(ServiceSpec::defaultPort).containsExactly(8081, 8082, 8083, 8084, 8085, 8080);
        assertThat(ServiceSpec.ALL.get(0).portVariable()).isEqualTo("CANOPY_REGISTRY_PORT");
        assertThat(ServiceSpec.named("metering-service").port().resolve(Map.of("CANOPY_METERING_PORT", "9183")))
                .isEqualTo(9183);
        assertThat(ServiceSpec.ALL).filteredOn(s -> s.database().isEmpty()).extracting(ServiceSpec::module)
                .containsExactly("collector-service", "dashboard");
        assertThat(PortSetting.kafkaController(Map.of("CANOPY_KAFKA_PORT", "19092"))).isEqualTo(19093);
    }

    @Test
    void aPortThatIsNotANumberIsAClearErrorNamingTheVariable() {
        assertThatThrownBy(() -> PortSetting.POSTGRES.resolve(Map.of("CANOPY_PG_PORT", "fivefour")))
                .hasMessageContaining("CANOPY_PG_PORT").hasMessageContaining("fivefour");
        assertThatThrownBy(() -> PortSetting.KAFKA.resolve(Map.of("CANOPY_KAFKA_PORT", "70000")))
                .hasMessageContaining("CANOPY_KAFKA_PORT");
    }

    @Test
    void secretsGoOnlyToTheServicesThatNeedThem() {
        LocalCanopy canopy = new LocalCanopy(home, home.resolve("state"), Map.of());
        Map<String, String> registry = canopy.environmentOf(ServiceSpec.named("registry-service"), 1, 2, "admin");
        Map<String, String> collector = canopy.environmentOf(ServiceSpec.named("collector-service"), 1, 2, "admin");
        Map<String, String> metering = canopy.environmentOf(ServiceSpec.named("metering-service"), 1, 2, "admin");

        assertThat(registry).containsKeys("SMALLRYE_JWT_SIGN_KEY_LOCATION", "CANOPY_CREDENTIALS_KEYS_K1",
                "CANOPY_COLLECTOR_SERVICE_TOKEN", "QUARKUS_DATASOURCE_JDBC_URL");
        assertThat(collector).containsKeys("CANOPY_CREDENTIALS_KEYS_K1", "CANOPY_COLLECTOR_SERVICE_TOKEN")
                .doesNotContainKeys("SMALLRYE_JWT_SIGN_KEY_LOCATION", "QUARKUS_DATASOURCE_JDBC_URL");
        assertThat(metering).doesNotContainKeys("SMALLRYE_JWT_SIGN_KEY_LOCATION", "CANOPY_CREDENTIALS_KEYS_K1",
                "CANOPY_COLLECTOR_SERVICE_TOKEN");
        // dealer JWTs are verified against registry's JWKS, not a copied public key
        assertThat(metering).containsEntry("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:2/metering")
                .containsEntry("CANOPY_JWT_JWKS_URL", "http://127.0.0.1:8081/.well-known/jwks.json")
                .doesNotContainKeys("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "CANOPY_JWT_PUBLIC_KEY");
        // the SSRF allow-list names only the local simulator
        assertThat(registry).containsEntry("CANOPY_COLLECTOR_ALLOWED_PRIVATE_HOSTS", "127.0.0.1:8099");
    }

    @Test
    void secondInstancesOfCollectorAndMeteringGetTheirOwnPortsAndPidFilesInTheSameConsumerGroups() {
        LocalCanopy canopy = new LocalCanopy(home, home.resolve("state"),
                Map.of("CANOPY_INSTANCES", "2", "CANOPY_COLLECTOR_PORT", "18082", "CANOPY_METERING_PORT_2", "19183"));
        assertThat(canopy.instances()).isEqualTo(2);
        Map<String, String> first = canopy.environmentOf(ServiceSpec.named("collector-service"), 1, 1, 2, "admin");
        Map<String, String> second = canopy.environmentOf(ServiceSpec.named("collector-service"), 2, 1, 2, "admin");
        assertThat(first).containsEntry("QUARKUS_HTTP_PORT", "18082");
        assertThat(second).containsEntry("QUARKUS_HTTP_PORT", "18182");
        // the same settings otherwise: same Kafka, same consumer group, same secrets
        first.remove("QUARKUS_HTTP_PORT");
        second.remove("QUARKUS_HTTP_PORT");
        assertThat(second).isEqualTo(first);
        assertThat(canopy.instanceUrl("metering-service", 2)).isEqualTo("http://127.0.0.1:19183");
        assertThat(canopy.serviceUrl("metering-service")).as("other services call the first instance")
                .isEqualTo("http://127.0.0.1:8083");
        assertThat(LocalCanopy.processNames()).contains("collector-service-2", "metering-service-2")
                .doesNotContain("registry-service-2");
        assertThatThrownBy(() -> new LocalCanopy(home, home.resolve("state"), Map.of("CANOPY_INSTANCES", "0")).instances())
                .hasMessageContaining("CANOPY_INSTANCES");
    }

    @Test
    void servicesRunTheQuickStartingJvmUnlessTheEnvironmentNamesAnother() {
        assertThat(new LocalCanopy(home, home.resolve("state"), Map.of()).serviceJvm())
                .contains("-XX:TieredStopAtLevel=1", "-Xmx256m");
        assertThat(new LocalCanopy(home, home.resolve("state"),
                Map.of(LocalCanopy.SERVICE_JVM_VARIABLE, "  -Xmx200m   -XX:+UseSerialGC ")).serviceJvm())
                .containsExactly("-Xmx200m", "-XX:+UseSerialGC");
    }

    @Test
    void theDemoStartsAfreshButKeepsTheExtractedBinariesAndLeavesUpsStateAlone() throws Exception {
        Path upData = Files.createDirectories(home.resolve(".canopy/data/postgres"));
        Files.writeString(upData.resolve("PG_VERSION"), "17");
        Path binaries = Files.createDirectories(home.resolve(".canopy/pg-binaries/PG-abc/bin"));
        Files.writeString(binaries.resolve("postgres"), "binary");
        Path demoData = Files.createDirectories(home.resolve(".canopy/demo/data/kafka"));
        Files.writeString(demoData.resolve("meta.properties"), "old");
        Files.createDirectories(home.resolve(".canopy/demo/secrets"));

        LocalCanopy.forDemo(home, Map.of()).reset();

        assertThat(home.resolve(".canopy/demo/data")).doesNotExist();
        assertThat(home.resolve(".canopy/demo/secrets")).doesNotExist();
        assertThat(binaries.resolve("postgres")).hasContent("binary");
        assertThat(upData.resolve("PG_VERSION")).as("./canopy up's data").hasContent("17");
    }

    @Test
    void upRefusesWhileADemoRunsOnTheSamePorts() throws Exception {
        Files.createDirectories(home.resolve(".canopy/demo/run"));
        ProcessHandle self = ProcessHandle.current();
        Files.writeString(home.resolve(".canopy/demo/run/kafka.pid"),
                self.pid() + " " + self.info().startInstant().orElseThrow().toEpochMilli());

        assertThat(Launcher.up(home, Map.of())).isEqualTo(1);
        assertThat(home.resolve(".canopy/run")).as("nothing of up's was started").doesNotExist();
    }
}
