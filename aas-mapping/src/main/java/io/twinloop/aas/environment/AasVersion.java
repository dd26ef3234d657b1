package io.twinloop.aas.environment;

/**
 * AAS metamodel versions that TwinLoop reads. v3.0 and v3.1 share the JSON shape; only XML says which
 * one it is (by namespace). aas4j 2.0 implements v3.0, so v3.1 XML is read by mapping its namespace.
 */
public enum AasVersion {
    V3_0("3.0", "https://admin-shell.io/aas/3/0"),
    V3_1("3.1", "https://admin-shell.io/aas/3/1");

    /** Namespace of AAS v2.0 XML, recognised only to refuse it with a clear message. */
    public static final String V2_NAMESPACE = "http://www.admin-shell.io/aas/2/0";

    private final String label;
    private final String xmlNamespace;

    AasVersion(final String label, final String xmlNamespace) {
        this.label = label;
        this.xmlNamespace = xmlNamespace;
    }

    public String label() {
        return label;
    }

    public String xmlNamespace() {
        return xmlNamespace;
    }

    public static AasVersion fromLabel(final String label) {
        for (final AasVersion version : values()) {
            if (version.label.equals(label)) {
                return version;
            }
        }
        throw new IllegalArgumentException("unknown AAS version '" + label + "' (known: 3.0, 3.1)");
    }

    /** Rewrites an XML document of this version into the v3.0 namespace that aas4j understands. */
    public String toV30Xml(final String xml) {
        return this == V3_0 ? xml : xml.replace(xmlNamespace, V3_0.xmlNamespace);
    }

    /** Rewrites a v3.0 XML document (as aas4j writes it) into this version's namespace. */
    public String fromV30Xml(final String xml) {
        return this == V3_0 ? xml : xml.replace(V3_0.xmlNamespace, xmlNamespace);
    }

    @Override
    public String toString() {
        return label;
    }
}
