package io.canopy.certificate.domain;

import io.canopy.localstack.testing.DomainPurity;

/** certificate's domain is plain Java (see {@link DomainPurity}). */
class DomainPurityTest extends DomainPurity {

    @Override
    protected String domainPackage() {
        return "io.canopy.certificate.domain";
    }
}
