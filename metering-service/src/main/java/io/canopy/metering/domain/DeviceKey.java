package io.canopy.metering.domain;

import java.util.UUID;

import io.canopy.contracts.events.VendorType;

/** A device as the vendor identifies it: unique per vendor server (DESIGN.md snapshot id). */
public record DeviceKey(VendorType vendor, UUID serverId, String deviceId) {
}
