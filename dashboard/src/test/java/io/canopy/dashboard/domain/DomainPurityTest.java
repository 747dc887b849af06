package io.canopy.dashboard.domain;

import io.canopy.localstack.testing.DomainPurity;

/** dashboard's domain is plain Java (see {@link DomainPurity}). */
class DomainPurityTest extends DomainPurity {

    @Override
    protected String domainPackage() {
        return "io.canopy.dashboard.domain";
    }
}
