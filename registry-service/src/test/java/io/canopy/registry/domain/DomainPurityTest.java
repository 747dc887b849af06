package io.canopy.registry.domain;

import io.canopy.localstack.testing.DomainPurity;

/** registry's domain is plain Java (see {@link DomainPurity}). */
class DomainPurityTest extends DomainPurity {

    @Override
    protected String domainPackage() {
        return "io.canopy.registry.domain";
    }
}
