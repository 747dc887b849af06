package io.canopy.collector.domain;

/** An entry of the vendor's customer list (the feed dropdown). */
public record VendorCustomer(String externalId, String name) {
}
