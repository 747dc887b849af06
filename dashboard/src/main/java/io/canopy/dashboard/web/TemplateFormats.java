package io.canopy.dashboard.web;

import io.quarkus.qute.TemplateExtension;

/** Number formats for the pages: {@code {pages.grouped}} renders 1234567 as 1,234,567. */
@TemplateExtension
final class TemplateFormats {

    private TemplateFormats() {
    }

    static String grouped(Number value) {
        return value == null ? "" : String.format(java.util.Locale.ROOT, "%,d", value.longValue());
    }
}
