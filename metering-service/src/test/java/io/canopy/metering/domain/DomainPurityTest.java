package io.canopy.metering.domain;

import io.canopy.localstack.testing.DomainPurity;

/** metering's domain is plain Java (see {@link DomainPurity}). */
class DomainPurityTest extends DomainPurity {

    @Override
    protected String domainPackage() {
        return "io.canopy.metering.domain";
    }
}
