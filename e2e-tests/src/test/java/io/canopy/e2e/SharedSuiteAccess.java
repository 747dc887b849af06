package io.canopy.e2e;

/** The shared running suite, for test classes in sub-packages (the dashboard's browser tests). */
public final class SharedSuiteAccess {

    private SharedSuiteAccess() {
    }

    public static Suite get() throws Exception {
        return SharedSuite.get();
    }
}
