package io.canopy.collector.domain;

import io.canopy.localstack.testing.DomainPurity;

/** collector's domain is plain Java (see {@link DomainPurity}). */
class DomainPurityTest extends DomainPurity {

    @Override
    protected String domainPackage() {
        return "io.canopy.collector.domain";
    }
}
