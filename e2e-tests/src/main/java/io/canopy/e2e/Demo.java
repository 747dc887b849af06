package io.canopy.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.canopy.localstack.LocalCanopy;
import io.canopy.localstack.LocalLogging;

/**
 * {@code ./canopy demo}: starts everything like {@code ./canopy up}, then plays a dealer's ~40 nights
 * through the public API — a stale agent that goes unhealthy and is backfilled, a counter reset,
 * credentials revoked and restored — closes February, prints per account pages, trees, deposits,
 * health and certificate, and compares the ledger with the simulator's ground truth. Exit code 0
 * only when every step worked and the difference is 0 pages.
 */
public final class Demo {

    public static void main(String[] args) throws Exception {
        LocalLogging.useSimpleLogger();
        boolean exit = List.of(args).contains("--exit");
        int nights = 40;
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--nights")) {
                nights = Integer.parseInt(args[i + 1]);
            }
        }
        Path home = Path.of(System.getProperty("canopy.home", ".")).toAbsolutePath();
        LocalCanopy up = LocalCanopy.forUp(home, System.getenv());
        if (up.anyRunning()) {
            // The demo would need the same ports; ./canopy up's stack and its data are left as they are.
            System.err.println("./canopy up is running (state in " + up.state() + "); the demo needs the same ports."
                    + " Stop it with ./canopy down (its data is kept) and run ./canopy demo again.");
            System.exit(2);
        }
        // Every demo plays the same story from the beginning: its own stack in .canopy/demo, started
        // afresh (a demo still running from before is stopped first); the extracted PostgreSQL
        // binaries are a cache and stay.
        LocalCanopy launcher = LocalCanopy.forDemo(home, System.getenv());
        int rc;
        try {
            launcher.reset();
            System.out.println("Starting Canopy (Kafka, PostgreSQL, vendor simulator, five services and the dashboard) in "
                    + home.relativize(launcher.state()) + " ...");
            if (launcher.up() != 0) {
                System.err.println("Canopy did not come up; see " + launcher.state().resolve("logs"));
                System.exit(1);
            }
            rc = play(launcher, nights);
        } catch (RuntimeException e) {
            System.err.println("\nThe demo failed: " + e.getMessage());
            rc = 1;
        }
        if (exit) {
            launcher.down();
        } else {
            System.out.println("\nEverything keeps running: ./canopy status, ./canopy down to stop.");
        }
        System.exit(rc);
    }

    static int play(LocalCanopy launcher, int nights) throws Exception {
        DemoRun.Endpoints endpoints = new DemoRun.Endpoints(launcher.serviceUrl("registry-service"),
                launcher.serviceUrl("metering-service"), launcher.serviceUrl("health-service"),
                launcher.serviceUrl("certificate-service"), launcher.simulatorUrl(), launcher.adminToken());
        DemoRun demo = new DemoRun(endpoints, System.out);
        if (!demo.simulator().clock().equals(LocalDate.of(2026, 2, 15))) {
            throw new IllegalStateException("the simulator has already been moved on (clock "
                    + demo.simulator().clock() + "); is another simulator on its port? ./canopy down stops Canopy's own");
        }
        System.out.println();
        demo.onboard();
        LocalDate first = demo.firstNight();
        LocalDate revoked = first.plusDays(10);
        LocalDate restored = first.plusDays(13);
        demo.step(nights + " nights from " + first, () -> {
            int requests = 0;
            for (int n = 0; n < nights; n++) {
                LocalDate night = first.plusDays(n);
                if (night.equals(revoked)) {
                    demo.simulator().fault(Map.of("server", "copyright-pp", "type", "revoke_credentials"));
                }
                if (night.equals(restored)) {
                    demo.simulator().fault(Map.of("server", "copyright-pp", "type", "restore_credentials"));
                    demo.awaitServerHealthy("copyright-pp");
                }
                requests += demo.night(night);
                if (night.equals(revoked)) {
                    demo.awaitServerHealth("copyright-pp", "unhealthy");
                }
            }
            return requests + " collection requests; copyright-pp credentials revoked " + revoked
                    + " (server unhealthy, feeds paused), working again " + restored + " (checked, resumed, caught up)";
        });
        YearMonth february = YearMonth.of(2026, 2);
        if (demo.lastNight().isAfter(february.atEndOfMonth())) {
            // Business time passed the month's end: close it now rather than wait close-after-days
            // (closing a month the schedule already closed issues nothing new).
            demo.step("close " + february, () -> {
                JsonNode closed = new Api(endpoints.certificate(), endpoints.adminToken())
                        .post("/admin/v1/periods/" + february + "/close", Map.of());
                String text = closed.toString();
                return text.length() > 100 ? text.substring(0, 100) + "..." : text;
            });
        } else {
            System.out.println("  " + february + " has not ended in business time after " + nights
                    + " nights: no certificates yet");
        }
        List<DemoRun.Comparison> comparisons = demo.awaitLedgerMatchesTruth();
        int rc = Summary.print(demo, comparisons, february, launcher.state().resolve("certificates"), System.out);
        String[] user = demo.dashboardUser();
        System.out.println("\nDashboard: " + launcher.serviceUrl("dashboard") + "  (sign in as " + user[0]
                + ", password " + user[1] + ")");
        return rc;
    }
}
