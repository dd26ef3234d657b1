package io.twinloop.connectors.interfaces;

import static io.twinloop.connectors.interfaces.AasSemantics.*;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.digitaltwin.aas4j.v3.model.AasSubmodelElements;
import org.eclipse.digitaltwin.aas4j.v3.model.Environment;
import org.eclipse.digitaltwin.aas4j.v3.model.HasSemantics;
import org.eclipse.digitaltwin.aas4j.v3.model.Property;
import org.eclipse.digitaltwin.aas4j.v3.model.Qualifier;
import org.eclipse.digitaltwin.aas4j.v3.model.Range;
import org.eclipse.digitaltwin.aas4j.v3.model.ReferenceElement;
import org.eclipse.digitaltwin.aas4j.v3.model.RelationshipElement;
import org.eclipse.digitaltwin.aas4j.v3.model.Submodel;
import org.eclipse.digitaltwin.aas4j.v3.model.SubmodelElement;
import org.eclipse.digitaltwin.aas4j.v3.model.SubmodelElementCollection;
import org.eclipse.digitaltwin.aas4j.v3.model.SubmodelElementList;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingId;

import io.twinloop.aas.mapping.EnvironmentAssembler;
import io.twinloop.aas.mapping.MappedThing;

/**
 * Reads a twin's device interfaces from its AAS: the thing is turned back into its AAS submodels with aas-mapping
 * (so metadata such as value types, qualifiers and references are exactly the AAS's), then every AIMC mapping
 * configuration whose {@code InterfaceReference} names an AID interface with an {@code opc.tcp://} base (OPC UA) or
 * a Hono protocol adapter's base ({@code mqtt://}, {@code mqtts://}, {@code http://}, {@code https://}; the device's
 * Hono identity comes from the shell's {@code specificAssetIds}) is resolved relation by relation. A relation that
 * cannot be used is left out with a warning; the rest still work.
 */
public final class AssetInterfacesReader {

    private AssetInterfacesReader() {
    }

    public static InterfaceDescriptions read(final Thing thing) {
        final ThingId thingId = thing.getEntityId()
                .orElseThrow(() -> new InterfaceDescriptionException("a thing without thingId"));
        final Environment environment;
        try {
            environment = EnvironmentAssembler.newInstance()
                    .assemble(List.of(MappedThing.of(thing, "twin " + thingId, List.of()))).environment();
        } catch (final RuntimeException e) {
            throw new InterfaceDescriptionException(thingId + ": its AAS cannot be read: " + e.getMessage(), e);
        }
        return new Reading(thingId, environment, featureIds(thing)).read();
    }

    /** submodel id -> feature id, from {@code attributes/aas/submodelMetadata/<featureId>/id}. */
    private static Map<String, String> featureIds(final Thing thing) {
        final Map<String, String> ids = new HashMap<>();
        thing.getAttributes().flatMap(a -> a.getValue(JsonPointer.of("aas/submodelMetadata")))
                .filter(JsonValue::isObject).map(JsonValue::asObject)
                .ifPresent(metadata -> metadata.forEach(field -> field.getValue().asObject().getValue("id")
                        .filter(JsonValue::isString)
                        .ifPresent(id -> ids.put(id.asString(), field.getKeyName()))));
        return ids;
    }

    private static final class Reading {

        private final ThingId thingId;
        private final Environment environment;
        private final Map<String, String> featureIds;
        private final ReferenceResolver resolver;
        private final List<String> warnings = new ArrayList<>();

        Reading(final ThingId thingId, final Environment environment, final Map<String, String> featureIds) {
            this.thingId = thingId;
            this.environment = environment;
            this.featureIds = featureIds;
            this.resolver = new ReferenceResolver(environment);
        }

        InterfaceDescriptions read() {
            final List<OpcUaInterface> interfaces = new ArrayList<>();
            final List<HonoInterface> honoInterfaces = new ArrayList<>();
            for (final Submodel aimc : submodels(AIMC_SUBMODEL_PREFIX)) {
                final Optional<SubmodelElement> configurations = ReferenceResolver.child(aimc.getSubmodelElements(),
                        MAPPING_CONFIGURATIONS);
                for (final SubmodelElement configuration : ReferenceResolver.children(configurations.orElse(null))) {
                    configuration(aimc, configuration).ifPresent(found -> {
                        if (found instanceof OpcUaInterface opcUa) {
                            interfaces.add(opcUa);
                        } else if (found instanceof HonoInterface hono) {
                            honoInterfaces.add(hono);
                        }
                    });
                }
            }
            return new InterfaceDescriptions(interfaces, honoInterfaces, warnings);
        }

        /** An {@link OpcUaInterface} or a {@link HonoInterface}, if the configuration is usable and one of those. */
        private Optional<Record> configuration(final Submodel aimc, final SubmodelElement configuration) {
            final List<SubmodelElement> parts = ReferenceResolver.children(configuration);
            final Optional<ReferenceResolver.Resolved> target = ReferenceResolver.child(parts, INTERFACE_REFERENCE)
                    .filter(ReferenceElement.class::isInstance).map(e -> ((ReferenceElement) e).getValue())
                    .flatMap(resolver::resolve);
            if (target.isEmpty() || !(target.get().element() instanceof SubmodelElementCollection iface)) {
                warn(aimc.getIdShort() + "/" + MAPPING_CONFIGURATIONS + ": InterfaceReference does not resolve to an "
                        + "interface of an AID submodel in this twin");
                return Optional.empty();
            }
            final String where = target.get().submodel().getIdShort() + "/" + iface.getIdShort();
            final Optional<String> base = string(iface.getValue(), ENDPOINT_METADATA, BASE);
            final boolean opcUa = base.isPresent() && base.get().startsWith(OPC_TCP);
            final boolean hono = base.isPresent() && HONO_ADAPTER_SCHEMES.stream().anyMatch(base.get()::startsWith);
            if (!opcUa && !hono) {
                return Optional.empty(); // another protocol: no connector of ours
            }
            Optional<String> tenantId = Optional.empty();
            Optional<String> deviceId = Optional.empty();
            if (hono) {
                tenantId = specificAssetId(HONO_TENANT_ID);
                deviceId = specificAssetId(HONO_DEVICE_ID);
                if (tenantId.isEmpty() || deviceId.isEmpty()) {
                    warn(where + ": the interface's base " + base.get() + " is a Hono adapter, but the shell's "
                            + "assetInformation.specificAssetIds lack " + HONO_TENANT_ID + " or " + HONO_DEVICE_ID
                            + "; interface not used");
                    return Optional.empty();
                }
            }
            final List<Mapping> mappings = new ArrayList<>();
            final Optional<SubmodelElement> relations = ReferenceResolver.child(parts, MAPPING_SOURCE_SINK_RELATIONS);
            int index = 0;
            for (final SubmodelElement relation : ReferenceResolver.children(relations.orElse(null))) {
                final String place = aimc.getIdShort() + "/" + MAPPING_SOURCE_SINK_RELATIONS + "[" + index++ + "]";
                if (relation instanceof RelationshipElement r) {
                    mapping(place, iface, r, opcUa).ifPresent(mappings::add);
                } else {
                    warn(place + ": not a RelationshipElement");
                }
            }
            if (hono) {
                return Optional.of(new HonoInterface(thingId, iface.getIdShort(), base.get(), tenantId.get(),
                        deviceId.get(), withSiblingFields(mappings)));
            }
            return Optional.of(new OpcUaInterface(thingId, iface.getIdShort(), base.get(), security(where, iface),
                    withSiblingFields(mappings)));
        }

        /** The value of the first shell's {@code assetInformation.specificAssetIds} entry with this name. */
        private Optional<String> specificAssetId(final String name) {
            return environment.getAssetAdministrationShells().stream()
                    .filter(shell -> shell.getAssetInformation() != null
                            && shell.getAssetInformation().getSpecificAssetIds() != null)
                    .flatMap(shell -> shell.getAssetInformation().getSpecificAssetIds().stream())
                    .filter(id -> name.equals(id.getName()) && id.getValue() != null && !id.getValue().isBlank())
                    .map(id -> id.getValue().trim()).findFirst();
        }

        /** @param needsHref OPC UA needs the node in {@code forms/href}; Hono payloads are keyed by the name */
        private Optional<Mapping> mapping(final String place, final SubmodelElementCollection iface,
                final RelationshipElement relation, final boolean needsHref) {
            final Optional<ReferenceResolver.Resolved> source = resolver.resolve(relation.getFirst());
            if (source.isEmpty() || !(source.get().element() instanceof SubmodelElementCollection definition)
                    || !isIn(iface, definition)) {
                warn(place + ": first does not resolve to a property of interface " + iface.getIdShort());
                return Optional.empty();
            }
            final Optional<ReferenceResolver.Resolved> target = resolver.resolve(relation.getSecond());
            if (target.isEmpty() || !(target.get().element() instanceof Property
                    || target.get().element() instanceof SubmodelElementList)) {
                warn(place + ": second does not resolve to a Property or a SubmodelElementList of a submodel of "
                        + "this twin");
                return Optional.empty();
            }
            final String featureId = featureIds.get(target.get().submodel().getId());
            if (featureId == null) {
                warn(place + ": submodel " + target.get().submodel().getId() + " has no feature in this twin");
                return Optional.empty();
            }
            final Optional<String> href = string(definition.getValue(), FORMS, HREF)
                    .or(() -> needsHref ? Optional.empty() : Optional.of(""));
            if (href.isEmpty()) {
                warn(place + ": property " + definition.getIdShort() + " has no forms/href");
                return Optional.empty();
            }
            final DataPoint point = dataPoint(definition, href.get(), samplingInterval(definition));
            final Optional<Sink> sink = sink(place, featureId, target.get(), point,
                    qualifier(relation, LIST_FIELD_QUALIFIER));
            if (sink.isEmpty()) {
                return Optional.empty();
            }
            final Direction direction;
            try {
                direction = qualifier(relation, DIRECTION_QUALIFIER).map(Direction::ofQualifier)
                        .orElse(Direction.DEVICE_TO_TWIN);
            } catch (final IllegalArgumentException e) {
                warn(place + ": " + e.getMessage() + "; used as deviceToTwin");
                return Optional.of(new Mapping(point, sink.get(), Direction.DEVICE_TO_TWIN));
            }
            if (direction == Direction.BIDIRECTIONAL && point.readOnly().orElse(false)) {
                warn(place + ": bidirectional, but the AID declares " + definition.getIdShort()
                        + " readOnly; used as deviceToTwin");
                return Optional.of(new Mapping(point, sink.get(), Direction.DEVICE_TO_TWIN));
            }
            if (direction == Direction.BIDIRECTIONAL && sink.get().field().isPresent()) {
                warn(place + ": bidirectional, but " + sink.get() + " is one field of a list's items, which cannot "
                        + "be written on its own; used as deviceToTwin");
                return Optional.of(new Mapping(point, sink.get(), Direction.DEVICE_TO_TWIN));
            }
            return Optional.of(new Mapping(point, sink.get(), direction));
        }

        /**
         * The sink for the element a relation's {@code second} resolves to: a Property; a SubmodelElementList of
         * Properties (the values are arrays); or, with a {@code TwinLoopListField} qualifier naming a field, that
         * field of the items of a SubmodelElementList of collections.
         */
        private Optional<Sink> sink(final String place, final String featureId,
                final ReferenceResolver.Resolved resolved, final DataPoint point, final Optional<String> field) {
            final JsonPointer path = JsonPointer.of(String.join("/", resolved.path()));
            if (resolved.element() instanceof Property property) {
                if (field.isPresent()) {
                    warn(place + ": " + LIST_FIELD_QUALIFIER + " \"" + field.get() + "\" on a relation to the "
                            + "Property " + featureId + path + "; ignored");
                }
                return Optional.of(new Sink(featureId, path, property.getValueType() == null ? "xs:string"
                        : xsd(property.getValueType().name())));
            }
            final SubmodelElementList list = (SubmodelElementList) resolved.element();
            final AasSubmodelElements itemType = list.getTypeValueListElement();
            if (field.isEmpty()) {
                if (itemType != AasSubmodelElements.PROPERTY) {
                    warn(place + ": second is a SubmodelElementList of " + itemType + " (" + featureId + path
                            + "): a list of Properties, or a " + LIST_FIELD_QUALIFIER + " qualifier naming the "
                            + "items' field the values fill, is needed");
                    return Optional.empty();
                }
                return Optional.of(Sink.listOf(featureId, path, list.getValueTypeListElement() == null ? "xs:string"
                        : xsd(list.getValueTypeListElement().name())));
            }
            if (itemType != AasSubmodelElements.SUBMODEL_ELEMENT_COLLECTION) {
                warn(place + ": " + LIST_FIELD_QUALIFIER + " needs a SubmodelElementList of "
                        + "SubmodelElementCollections, " + featureId + path + " is a list of " + itemType);
                return Optional.empty();
            }
            // The field's type as the list's items declare it; a list that is empty now has no item to ask, then
            // the AID's item type decides (the JSON is the same: a string, a number or a boolean).
            final String fieldType = ReferenceResolver.children(list).stream()
                    .flatMap(item -> ReferenceResolver.child(ReferenceResolver.children(item), field.get()).stream())
                    .filter(Property.class::isInstance).map(Property.class::cast)
                    .filter(p -> p.getValueType() != null).map(p -> xsd(p.getValueType().name())).findFirst()
                    .orElseGet(() -> xsdOfWot(point.itemType()));
            return Optional.of(Sink.listField(featureId, path, new ListField(field.get(), List.of(field.get())),
                    fieldType));
        }

        /**
         * Tells each list field sink all the fields the configuration fills in the same list, so the list is
         * assembled only when each of them has arrived.
         */
        private static List<Mapping> withSiblingFields(final List<Mapping> mappings) {
            final Map<String, List<String>> fields = new LinkedHashMap<>();
            for (final Mapping mapping : mappings) {
                mapping.sink().field().ifPresent(field -> fields.computeIfAbsent(listKey(mapping.sink()),
                        key -> new ArrayList<>()).add(field.name()));
            }
            return mappings.stream().map(mapping -> mapping.sink().field().map(field -> new Mapping(
                    mapping.source(), Sink.listField(mapping.sink().featureId(), mapping.sink().property(),
                            new ListField(field.name(), fields.get(listKey(mapping.sink()))),
                            mapping.sink().valueType()), mapping.direction())).orElse(mapping)).toList();
        }

        private static String listKey(final Sink sink) {
            return sink.featureId() + sink.property();
        }

        /** The XSD type the twin's JSON has for values of a WoT type. */
        private static String xsdOfWot(final Optional<String> wotType) {
            return switch (wotType.orElse("string")) {
                case "integer" -> "xs:long";
                case "number" -> "xs:double";
                case "boolean" -> "xs:boolean";
                default -> "xs:string";
            };
        }

        /** aas4j's enum name (e.g. {@code UNSIGNED_INT}) back to the XSD name ({@code xs:unsignedInt}). */
        private static String xsd(final String enumName) {
            final String[] parts = enumName.toLowerCase(java.util.Locale.ROOT).split("_");
            final StringBuilder name = new StringBuilder("xs:").append(parts[0]);
            for (int i = 1; i < parts.length; i++) {
                name.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
            }
            return name.toString();
        }

        /**
         * {@code forms/twinloop_samplingInterval}: milliseconds, a positive number. A value that is none is warned
         * about (naming the property) and the connector's default interval used instead.
         */
        private Optional<Duration> samplingInterval(final SubmodelElementCollection definition) {
            final Optional<String> text = string(definition.getValue(), FORMS, SAMPLING_INTERVAL);
            if (text.isEmpty()) {
                return Optional.empty();
            }
            double millis;
            try {
                millis = Double.parseDouble(text.get());
            } catch (final NumberFormatException e) {
                millis = Double.NaN;
            }
            if (!(millis > 0) || Double.isInfinite(millis)) {
                warn("property " + definition.getIdShort() + ": " + FORMS + "/" + SAMPLING_INTERVAL + " \""
                        + text.get() + "\" is no positive number of milliseconds; the connector's default sampling "
                        + "interval is used");
                return Optional.empty();
            }
            return Optional.of(Duration.ofNanos(Math.max(1, Math.round(millis * 1_000_000))));
        }

        private static DataPoint dataPoint(final SubmodelElementCollection definition, final String href,
                final Optional<Duration> samplingInterval) {
            final List<SubmodelElement> parts = definition.getValue();
            final Optional<Bounds> bounds = ReferenceResolver.child(parts, MIN_MAX).filter(Range.class::isInstance)
                    .map(Range.class::cast).filter(r -> r.getMin() != null && r.getMax() != null)
                    .map(r -> new Bounds(Double.parseDouble(r.getMin()), Double.parseDouble(r.getMax())));
            final List<String> allowed = ReferenceResolver.child(parts, ENUM)
                    .filter(SubmodelElementList.class::isInstance)
                    .map(e -> ((SubmodelElementList) e).getValue().stream().filter(Property.class::isInstance)
                            .map(p -> ((Property) p).getValue()).toList())
                    .orElse(List.of());
            return new DataPoint(definition.getIdShort(), href, string(parts, TYPE), bounds, allowed,
                    string(parts, READ_ONLY).map(Boolean::parseBoolean), string(parts, ITEMS, TYPE), samplingInterval);
        }

        /** The value of the relation's first qualifier of this type, if it has one ("" for one without value). */
        private static Optional<String> qualifier(final RelationshipElement relation, final String type) {
            final List<Qualifier> qualifiers = relation.getQualifiers() == null ? List.of() : relation.getQualifiers();
            return qualifiers.stream().filter(q -> type.equals(q.getType()))
                    .map(q -> q.getValue() == null ? "" : q.getValue().trim()).findFirst();
        }

        /**
         * The schemes {@code EndpointMetadata/security} refers to; without a channel scheme the endpoint is taken as
         * unsecured, without an authentication scheme as anonymous.
         */
        private EndpointSecurity security(final String where, final SubmodelElementCollection iface) {
            String policy = "None";
            String mode = "None";
            String token = "anonymous";
            final Optional<SubmodelElement> security = ReferenceResolver.child(ReferenceResolver.children(
                    ReferenceResolver.child(iface.getValue(), ENDPOINT_METADATA).orElse(null)), SECURITY);
            for (final SubmodelElement item : ReferenceResolver.children(security.orElse(null))) {
                if (!(item instanceof ReferenceElement ref)) {
                    continue;
                }
                final Optional<ReferenceResolver.Resolved> scheme = resolver.resolve(ref.getValue());
                if (scheme.isEmpty()) {
                    warn(where + "/" + ENDPOINT_METADATA + "/" + SECURITY + ": a reference does not resolve");
                    continue;
                }
                final List<SubmodelElement> parts = ReferenceResolver.children(scheme.get().element());
                switch (string(parts, SCHEME).orElse("")) {
                    case UA_CHANNEL_SCHEME -> {
                        policy = string(parts, UA_SECURITY_POLICY).orElse(policy);
                        mode = string(parts, UA_SECURITY_MODE).orElse(mode);
                    }
                    case UA_AUTHENTICATION_SCHEME -> token = string(parts, UA_USER_IDENTITY_TOKEN).orElse(token);
                    case NO_SECURITY_SCHEME -> {
                    }
                    default -> warn(where + ": security scheme " + scheme.get().path() + " is not one this "
                            + "connector knows (ua_channelsec, ua_authentication, nosec); ignored");
                }
            }
            return new EndpointSecurity(policy, mode, token);
        }

        private static boolean isIn(final SubmodelElementCollection iface, final SubmodelElementCollection definition) {
            return ReferenceResolver.children(ReferenceResolver.child(ReferenceResolver.children(
                            ReferenceResolver.child(iface.getValue(), INTERACTION_METADATA).orElse(null)), PROPERTIES)
                    .orElse(null)).contains(definition);
        }

        /** The value of the Property at the idShort path below {@code elements}, if there is one. */
        private static Optional<String> string(final List<SubmodelElement> elements, final String... path) {
            List<SubmodelElement> level = elements;
            SubmodelElement element = null;
            for (final String idShort : path) {
                element = ReferenceResolver.child(level, idShort).orElse(null);
                if (element == null) {
                    return Optional.empty();
                }
                level = ReferenceResolver.children(element);
            }
            return element instanceof Property p && p.getValue() != null ? Optional.of(p.getValue().trim())
                    : Optional.empty();
        }

        private List<Submodel> submodels(final String semanticIdPrefix) {
            return environment.getSubmodels().stream().filter(s -> semanticId(s).startsWith(semanticIdPrefix))
                    .toList();
        }

        private static String semanticId(final HasSemantics element) {
            return element.getSemanticId() == null || element.getSemanticId().getKeys().isEmpty() ? ""
                    : element.getSemanticId().getKeys().get(0).getValue();
        }

        private void warn(final String message) {
            warnings.add(thingId + ": " + message);
        }
    }

}
