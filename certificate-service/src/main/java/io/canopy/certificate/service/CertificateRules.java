package io.canopy.certificate.service;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.canopy.certificate.config.CertificateConfig;
import io.canopy.certificate.domain.CloseRule;
import io.canopy.certificate.domain.DepositPlacement;
import io.canopy.certificate.domain.ForestryProjects;
import io.canopy.certificate.domain.IssuePolicy;
import io.canopy.certificate.domain.MonthHold;
import io.canopy.contracts.arithmetic.BusinessCalendar;
import io.canopy.contracts.arithmetic.Trees;

/** Builds the pure domain rules from configuration, once; a bad setting fails the start. */
@ApplicationScoped
public class CertificateRules {

    @Produces
    @Singleton
    CloseRule closeRule(CertificateConfig config) {
        return new CloseRule(config.closeAfterDays());
    }

    @Produces
    @Singleton
    DepositPlacement placement(CloseRule closeRule) {
        return new DepositPlacement(closeRule);
    }

    @Produces
    @Singleton
    MonthHold monthHold(CertificateConfig config) {
        return new MonthHold(config.maxHoldBusinessDays(),
                new BusinessCalendar(config.weekend(), config.holidays().orElse(Set.of())));
    }

    @Produces
    @Singleton
    Trees trees(CertificateConfig config) {
        return new Trees(config.pagesPerTree());
    }

    @Produces
    @Singleton
    IssuePolicy issuePolicy(CertificateConfig config) {
        return new IssuePolicy(config.issueWithoutPages());
    }

    @Produces
    @Singleton
    ForestryProjects forestryProjects(CertificateConfig config) {
        Map<UUID, String> byDealer;
        try {
            byDealer = config.dealerProjects().entrySet().stream()
                    .collect(Collectors.toMap(e -> UUID.fromString(e.getKey()), Map.Entry::getValue));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("canopy.certificates.dealer-projects keys must be dealer ids (UUIDs)", e);
        }
        return new ForestryProjects(config.forestryProjects(), config.projectChoice(), byDealer);
    }
}
