package io.canopy.certificate.domain;

/**
 * Whether a closed period gets a certificate. A month with no pages gets none by default: there is
 * nothing to certify, and a zero-tree certificate is noise for the customer.
 */
public record IssuePolicy(boolean issueWithoutPages) {

    public boolean shouldIssue(CertificateFigures figures) {
        return issueWithoutPages || figures.totalPages() != 0;
    }
}
