package io.canopy.e2e;

/** One running suite for the end-to-end test classes of this JVM, stopped when the JVM exits. */
final class SharedSuite {

    private static Suite suite;

    private SharedSuite() {
    }

    static synchronized Suite get() throws Exception {
        if (suite == null) {
            suite = Suite.start(SuiteBootsTest.root(), SuiteBootsTest.root().resolve("e2e-tests/target/suite"));
            Runtime.getRuntime().addShutdownHook(new Thread(suite::close, "suite-stop"));
        }
        return suite;
    }
}
