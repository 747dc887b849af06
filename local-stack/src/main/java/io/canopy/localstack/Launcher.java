package io.canopy.localstack;

import java.nio.file.Path;
import java.util.Map;

/**
 * The command line behind {@code ./canopy up | down | status}. {@code up} starts {@code ./canopy
 * up}'s stack ({@code .canopy}); {@code down} and {@code status} cover it and the demo's stack
 * ({@code .canopy/demo}), so one {@code ./canopy down} stops whatever Canopy runs here. The work
 * itself is {@link LocalCanopy}'s.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        LocalLogging.useSimpleLogger();
        String command = args.length == 0 ? "help" : args[0];
        Path home = Path.of(System.getProperty("canopy.home", ".")).toAbsolutePath();
        Map<String, String> env = System.getenv();
        int rc;
        try {
            rc = switch (command) {
                case "up" -> up(home, env);
                case "down" -> down(home, env);
                case "status" -> status(home, env);
                default -> {
                    System.err.println("usage: canopy up | down | status");
                    yield 2;
                }
            };
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println(e.getMessage());
            rc = 1;
        }
        System.exit(rc);
    }

    static int up(Path home, Map<String, String> env) {
        LocalCanopy demo = LocalCanopy.forDemo(home, env);
        if (demo.anyRunning()) {
            System.err.println("A demo is running (its state is in " + demo.state() + ") on the same ports;"
                    + " stop it first with ./canopy down.");
            return 1;
        }
        return LocalCanopy.forUp(home, env).up();
    }

    static int down(Path home, Map<String, String> env) {
        // ./canopy bench night's stack too (pid files only: its ports were free ones), should the bench have been killed
        Path canopy = home.toAbsolutePath().resolve(".canopy");
        int stopped = LocalCanopy.forUp(home, env).down() + LocalCanopy.forDemo(home, env).down()
                + new LocalCanopy(home, canopy.resolve("bench/night"), canopy.resolve("pg-binaries"), env).down();
        if (stopped == 0) {
            System.out.println("Nothing was running.");
        }
        return 0;
    }

    static int status(Path home, Map<String, String> env) {
        LocalCanopy demo = LocalCanopy.forDemo(home, env);
        if (demo.anyRunning()) {
            System.out.println("./canopy demo's stack (" + demo.state() + "):");
            demo.printStatus();
        } else {
            LocalCanopy.forUp(home, env).printStatus();
        }
        return 0;
    }
}
