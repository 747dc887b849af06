package io.canopy.health.domain;

import io.canopy.localstack.testing.DomainPurity;

/** health's domain is plain Java (see {@link DomainPurity}). */
class DomainPurityTest extends DomainPurity {

    @Override
    protected String domainPackage() {
        return "io.canopy.health.domain";
    }
}
