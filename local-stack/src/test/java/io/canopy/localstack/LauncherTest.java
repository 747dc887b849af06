package io.canopy.localstack;

import static org.assertj.core.api.Assertions.assertThat;

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
        Launcher launcher = new Launcher(home, Map.of());
        Files.createDirectories(home.resolve(".canopy/run"));
        ProcessHandle self = ProcessHandle.current();
        long start = self.info().startInstant().orElseThrow().toEpochMilli();

        Files.writeString(home.resolve(".canopy/run/kafka.pid"), self.pid() + " " + start);
        assertThat(launcher.runningPid("kafka")).contains(self);

        // Same pid, other start time: the pid was recycled by an unrelated process; never touch it.
        Files.writeString(home.resolve(".canopy/run/kafka.pid"), self.pid() + " " + (start - 60_000));
        assertThat(launcher.runningPid("kafka")).isEmpty();

        Files.writeString(home.resolve(".canopy/run/kafka.pid"), "not a pid");
        assertThat(launcher.runningPid("kafka")).isEmpty();
    }

    @Test
    void downWithNothingRunningSaysSoAndSucceeds() {
        assertThat(new Launcher(home, Map.of()).down()).isZero();
    }

    @Test
    void servicePortsFollowTheDesignAndCanBeOverridden() {
        assertThat(ServiceSpec.ALL).extracting(ServiceSpec::defaultPort).containsExactly(8081, 8082, 8083, 8084, 8085);
        assertThat(ServiceSpec.ALL.get(0).portVariable()).isEqualTo("CANOPY_REGISTRY_PORT");
        assertThat(ServiceSpec.ALL).filteredOn(s -> s.database().isEmpty()).extracting(ServiceSpec::module)
                .containsExactly("collector-service");
    }
}
