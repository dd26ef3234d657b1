package io.twinloop.connectors.hono.provisioning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.digitaltwin.aas4j.v3.model.AssetAdministrationShell;
import org.eclipse.digitaltwin.aas4j.v3.model.AssetInformation;
import org.eclipse.digitaltwin.aas4j.v3.model.SpecificAssetId;
import org.eclipse.ditto.json.JsonArray;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.Thing;

import io.twinloop.aas.environment.AasPackage;

/**
 * Finds the Hono devices that AAS shells declare, and checks them all before anything is sent to a registry.
 *
 * <p>A shell declares a device with two entries in {@code assetInformation.specificAssetIds}: {@code HonoTenantId}
 * and {@code HonoDeviceId}; an optional {@code HonoAuthId} names the auth-id of its hashed-password credential
 * (default: the device id). specificAssetIds are the AAS's place for identifiers an asset has in other systems, so the
 * Hono identity sits next to serial numbers and the like, and travels with the shell into the twin
 * ({@code attributes/aas/assetInformation}). Shells with neither entry are not Hono devices and are passed over.
 *
 * <p>Refused, all problems at once, each naming the shell and its file: only one of the two ids, an id given twice
 * with different values, an id Hono's default rules refuse, a device id with ':' (allowed in device ids, not in
 * auth-ids) without {@code HonoAuthId}, one device id claimed by two shells (in the same or different tenants: Ditto's
 * Hono connection finds the twin by device id, so a device id must name one asset), two devices of a tenant with the
 * same auth-id, and inputs in which no shell declares a device.
 */
public final class DeviceDeclarations {

    public static final String TENANT_ID = "HonoTenantId";
    public static final String DEVICE_ID = "HonoDeviceId";
    public static final String AUTH_ID = "HonoAuthId";

    private final List<DeviceDeclaration> devices;
    private final List<String> passedOver;

    private DeviceDeclarations(final List<DeviceDeclaration> devices, final List<String> passedOver) {
        this.devices = List.copyOf(devices);
        this.passedOver = List.copyOf(passedOver);
    }

    /** The devices the shells of these AAS files declare. */
    public static DeviceDeclarations fromPackages(final List<AasPackage> packages) {
        return check(shellsOfFiles(packages), "the given AAS file(s)");
    }

    /**
     * The devices the twins' shells declare: a thing made by {@code aas import} carries the shell's
     * {@code assetInformation} under {@code attributes/aas}.
     */
    public static DeviceDeclarations fromThings(final List<Thing> things) {
        return check(shellsOfTwins(things), "the given twin(s)");
    }

    /** Files and twins together, checked as one (a device id claimed in a file and by a twin is found). */
    public static DeviceDeclarations from(final List<AasPackage> packages, final List<Thing> things) {
        final List<ShellEntry> shells = new ArrayList<>(shellsOfFiles(packages));
        shells.addAll(shellsOfTwins(things));
        return check(shells, "the given AAS file(s) and twin(s)");
    }

    private static List<ShellEntry> shellsOfFiles(final List<AasPackage> packages) {
        final List<ShellEntry> shells = new ArrayList<>();
        for (final AasPackage aas : packages) {
            for (final AssetAdministrationShell shell : aas.environment().getAssetAdministrationShells()) {
                final AssetInformation info = shell.getAssetInformation();
                final List<Map.Entry<String, String>> ids = new ArrayList<>();
                if (info != null && info.getSpecificAssetIds() != null) {
                    for (final SpecificAssetId id : info.getSpecificAssetIds()) {
                        ids.add(Map.entry(nullToEmpty(id.getName()), nullToEmpty(id.getValue())));
                    }
                }
                final Optional<String> globalAssetId = info == null ? Optional.empty()
                        : Optional.ofNullable(info.getGlobalAssetId()).filter(s -> !s.isEmpty());
                shells.add(new ShellEntry(new ShellOrigin(aas.source(), nullToEmpty(shell.getId()),
                        shell.getIdShort(), globalAssetId), ids));
            }
        }
        return shells;
    }

    private static List<ShellEntry> shellsOfTwins(final List<Thing> things) {
        final List<ShellEntry> shells = new ArrayList<>();
        for (final Thing thing : things) {
            final String source = thing.getEntityId().map(Object::toString).orElse("(thing without id)");
            final JsonObject aas = thing.getAttributes()
                    .flatMap(a -> a.getValue(JsonPointer.of("aas")))
                    .filter(JsonValue::isObject).map(JsonValue::asObject).orElse(JsonObject.empty());
            final JsonObject info = aas.getValue("assetInformation").filter(JsonValue::isObject)
                    .map(JsonValue::asObject).orElse(JsonObject.empty());
            final List<Map.Entry<String, String>> ids = new ArrayList<>();
            final JsonArray specific = info.getValue("specificAssetIds").filter(JsonValue::isArray)
                    .map(JsonValue::asArray).orElse(JsonArray.empty());
            for (final JsonValue id : specific) {
                if (id.isObject()) {
                    ids.add(Map.entry(string(id.asObject(), "name"), string(id.asObject(), "value")));
                }
            }
            final String globalAssetId = string(info, "globalAssetId");
            shells.add(new ShellEntry(new ShellOrigin(source, string(aas, "id"), string(aas, "idShort"),
                    globalAssetId.isEmpty() ? Optional.empty() : Optional.of(globalAssetId)), ids));
        }
        return shells;
    }

    /** The devices, in the order of the shells that declare them. */
    public List<DeviceDeclaration> devices() {
        return devices;
    }

    /** One line per shell that declares no Hono device (neither id), for the operator's information. */
    public List<String> passedOver() {
        return passedOver;
    }

    private static DeviceDeclarations check(final List<ShellEntry> shells, final String inputs) {
        final List<String> problems = new ArrayList<>();
        final List<String> passedOver = new ArrayList<>();
        final List<DeviceDeclaration> devices = new ArrayList<>();
        final Map<String, DeviceDeclaration> byDeviceId = new LinkedHashMap<>();
        final Map<String, DeviceDeclaration> byAuthId = new LinkedHashMap<>();
        for (final ShellEntry shell : shells) {
            final String where = shell.origin().describe();
            final Map<String, String> named = new LinkedHashMap<>();
            boolean consistent = true;
            for (final Map.Entry<String, String> id : shell.ids()) {
                if (!id.getKey().equals(TENANT_ID) && !id.getKey().equals(DEVICE_ID) && !id.getKey().equals(AUTH_ID)) {
                    continue;
                }
                final String before = named.putIfAbsent(id.getKey(), id.getValue());
                if (before != null && !before.equals(id.getValue())) {
                    problems.add(where + ": specificAssetId " + id.getKey() + " is given twice, as '" + before
                            + "' and '" + id.getValue() + "'");
                    consistent = false;
                }
            }
            final String tenantId = named.get(TENANT_ID);
            final String deviceId = named.get(DEVICE_ID);
            if (tenantId == null && deviceId == null) {
                passedOver.add(where + ": no " + TENANT_ID + "/" + DEVICE_ID + " specificAssetIds, not a Hono device");
                continue;
            }
            if (tenantId == null || deviceId == null) {
                problems.add(where + ": specificAssetId " + (tenantId == null ? TENANT_ID : DEVICE_ID)
                        + " is missing (a Hono device needs both " + TENANT_ID + " and " + DEVICE_ID + ")");
                continue;
            }
            final List<String> idProblems = new ArrayList<>();
            HonoIds.tenantIdProblem(tenantId).ifPresent(idProblems::add);
            HonoIds.deviceIdProblem(deviceId).ifPresent(idProblems::add);
            final String authId = named.getOrDefault(AUTH_ID, deviceId);
            if (idProblems.isEmpty()) {
                HonoIds.authIdProblem(authId).map(p -> named.containsKey(AUTH_ID) ? p : p + "; the auth-id defaults "
                        + "to the device id, so give the device a specificAssetId " + AUTH_ID)
                        .ifPresent(idProblems::add);
            }
            idProblems.forEach(p -> problems.add(where + ": " + p));
            if (!idProblems.isEmpty() || !consistent) {
                continue;
            }
            final DeviceDeclaration device = new DeviceDeclaration(tenantId, deviceId, authId, shell.origin());
            final DeviceDeclaration sameDevice = byDeviceId.putIfAbsent(deviceId, device);
            if (sameDevice != null) {
                if (sameDevice.origin().shellId().equals(device.origin().shellId())
                        && sameDevice.key().equals(device.key()) && sameDevice.authId().equals(authId)) {
                    passedOver.add(where + ": the same shell as in " + sameDevice.origin().source()
                            + ", provisioned once");
                    continue;
                }
                problems.add(where + ": device id '" + deviceId + "' (tenant '" + tenantId + "') is also claimed by "
                        + sameDevice.origin().describe() + " (tenant '" + sameDevice.tenantId() + "'): a device id "
                        + "must name one asset, since Ditto's Hono connection finds the twin by device id");
                continue;
            }
            final DeviceDeclaration sameAuth = byAuthId.putIfAbsent(tenantId + "/" + authId, device);
            if (sameAuth != null) {
                problems.add(where + ": auth-id '" + authId + "' in tenant '" + tenantId + "' is also the auth-id of "
                        + sameAuth.describe() + ": Hono refuses one auth-id for two devices of a tenant");
                continue;
            }
            devices.add(device);
        }
        if (problems.isEmpty() && devices.isEmpty()) {
            problems.add(inputs + ": no shell declares a Hono device (specificAssetIds " + TENANT_ID + " and "
                    + DEVICE_ID + " in assetInformation)" + (shells.isEmpty() ? "; there are no shells at all" : ""));
        }
        if (!problems.isEmpty()) {
            throw new ProvisioningInputException(problems);
        }
        return new DeviceDeclarations(devices, passedOver);
    }

    private static String string(final JsonObject object, final String key) {
        return object.getValue(key).filter(JsonValue::isString).map(JsonValue::asString).orElse("");
    }

    private static String nullToEmpty(final String value) {
        return value == null ? "" : value;
    }

    private record ShellEntry(ShellOrigin origin, List<Map.Entry<String, String>> ids) {
    }
}
