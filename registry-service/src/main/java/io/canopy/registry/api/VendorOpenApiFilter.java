package io.canopy.registry.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

import io.canopy.contracts.vendors.VendorDescriptor;

/**
 * Writes what the API document says about vendors from their {@link VendorDescriptor}s: the
 * accepted server {@code type} values, each vendor's credential fields with their formats, its
 * customer id format and which vendors take a collection scope. Registered as
 * {@code mp.openapi.filter}, so a new vendor shows up in {@code /q/openapi} without an annotation edit.
 */
public class VendorOpenApiFilter implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null) {
            return;
        }
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        List<Object> types = new ArrayList<>(VendorDescriptor.wireNames());
        String credentials = "Fields per server type: " + VendorDescriptor.all().stream()
                .map(d -> d.type().wireName() + " {" + d.credentialsInWords() + "}")
                .collect(Collectors.joining("; "));
        String urls = "Optional where the vendor has a default: " + VendorDescriptor.all().stream()
                .filter(d -> d.defaultUrl().isPresent())
                .map(d -> d.type().wireName() + " (" + d.defaultUrl().get() + ")")
                .collect(Collectors.joining(", "));

        Optional.ofNullable(schemas.get("CreateServer")).ifPresent(server -> {
            server.setDescription("A fleet-management server. " + credentials);
            property(server, "type").ifPresent(type -> type.setEnumeration(types));
            property(server, "credentials").ifPresent(c -> c.setDescription(credentials));
            property(server, "url").ifPresent(url -> url.setDescription(urls));
        });
        Optional.ofNullable(schemas.get("UpdateServer")).ifPresent(server -> {
            property(server, "type").ifPresent(type -> type.setEnumeration(types));
            property(server, "credentials").ifPresent(c -> c.setDescription(credentials));
        });
        Optional.ofNullable(schemas.get("CreateFeed")).ifPresent(feed -> {
            property(feed, "external_id").ifPresent(id -> id.setDescription(
                    "The vendor's customer id (GET /v1/servers/{id}/customers lists them): " + VendorDescriptor.all()
                            .stream().map(d -> d.type().wireName() + " " + d.customerIdInWords())
                            .collect(Collectors.joining("; "))));
            property(feed, "collection_scope").ifPresent(scope -> scope.setDescription(
                    "Only for " + VendorDescriptor.all().stream().filter(VendorDescriptor::supportsCollectionScope)
                            .map(d -> d.type().wireName()).collect(Collectors.joining(", ")) + "; default all"));
        });
    }

    /** The property under its wire name (the document is snake_case like the bodies: service-kit's config). */
    private static Optional<Schema> property(Schema schema, String name) {
        return Optional.ofNullable(schema.getProperties()).map(properties -> properties.get(name));
    }
}
