/*
 * TwinLoop: Hono telemetry and events -> merges of the twins' AAS-shaped features.
 * Runs in Eclipse Ditto's JavaScript mapping engine (Rhino, ES6, sandboxed; see
 * https://eclipse.dev/ditto/connectivity-mapping.html). The same rules as TwinLoop's own Hono connector
 * (module connectors, io.twinloop.connectors.hono.DeviceMessages): a payload is one JSON object keyed by the AID
 * property names of the device's interface; each mapped key's value goes to its sink, typed by the sink's XSD
 * type; wrong types, NaN/Infinity, values outside min_max and unknown keys are dropped, never written.
 * TWINLOOP_HONO (the device table) is put in front of this script by HonoConnectionDefinition from the assets' AAS.
 * No recursion and shallow calls: Ditto limits the call stack depth (maxScriptStackDepth).
 */
var TWINLOOP_INTEGERS = ['xs:int', 'xs:integer', 'xs:long', 'xs:short', 'xs:byte', 'xs:unsignedInt',
    'xs:unsignedLong', 'xs:unsignedShort', 'xs:unsignedByte', 'xs:nonNegativeInteger', 'xs:positiveInteger',
    'xs:nonPositiveInteger', 'xs:negativeInteger'];
var TWINLOOP_DECIMALS = ['xs:double', 'xs:float', 'xs:decimal'];
/* A non-numeric number read from the payload (NaN, Infinity) travels through JSON.parse as this marker. */
var TWINLOOP_NON_NUMERIC = '\u0000twinloop-non-numeric:';
/* The marker as JSON text: a control character must be escaped inside a JSON string. */
var TWINLOOP_NON_NUMERIC_JSON = '\\u0000twinloop-non-numeric:';

/* The value of a header, whatever its case (Kafka record headers keep the sender's case). */
function twinloopHeader(headers, name) {
    if (!headers) {
        return undefined;
    }
    if (Object.prototype.hasOwnProperty.call(headers, name)) {
        return headers[name];
    }
    var keys = Object.keys(headers);
    for (var i = 0; i < keys.length; i++) {
        if (keys[i].toLowerCase() === name) {
            return headers[keys[i]];
        }
    }
    return undefined;
}

function twinloopIsJson(contentType) {
    var type = contentType.split(';')[0].trim();
    // MQTT 3.1.1 carries no content type: Hono's adapter then says octet-stream, and the payload is tried as JSON
    return type === 'application/json' || /\+json$/.test(type) || type === 'application/octet-stream'
        || type === '';
}

/*
 * JSON.parse, but NaN, Infinity, +/-Infinity and +/-INF are read (as the Java path's Jackson with
 * ALLOW_NON_NUMERIC_NUMBERS
 * does) so that only their key is dropped, not the whole message. Outside strings such a token becomes a marker
 * string, which twinloopNumber turns back into the number.
 */
function twinloopParse(text) {
    var out = '';
    var i = 0;
    var inString = false;
    while (i < text.length) {
        var c = text.charAt(i);
        if (inString) {
            out += c;
            if (c === '\\') {
                out += text.charAt(i + 1);
                i += 2;
                continue;
            }
            if (c === '"') {
                inString = false;
            }
            i++;
            continue;
        }
        if (c === '"') {
            inString = true;
            out += c;
            i++;
            continue;
        }
        var token = /^(NaN|[+-]?Infinity|[+-]INF)/.exec(text.substring(i, i + 9));
        if (token !== null) {
            out += '"' + TWINLOOP_NON_NUMERIC_JSON + token[0] + '"';
            i += token[0].length;
            continue;
        }
        out += c;
        i++;
    }
    return JSON.parse(out);
}

/* The device's value as the JSON the twin keeps for the sink, or undefined if it is bad data. */
function twinloopToTwin(value, sink) {
    var xsd = sink.xsd;
    var nonNumeric = typeof value === 'string' && value.indexOf(TWINLOOP_NON_NUMERIC) === 0;
    var converted;
    if (TWINLOOP_DECIMALS.indexOf(xsd) >= 0 || TWINLOOP_INTEGERS.indexOf(xsd) >= 0) {
        if (nonNumeric || typeof value !== 'number' || !isFinite(value)) {
            return undefined; // WRONG_TYPE, or NOT_A_NUMBER for NaN and infinities
        }
        if (TWINLOOP_INTEGERS.indexOf(xsd) >= 0 && value !== Math.floor(value)) {
            return undefined; // a fraction for an integer type
        }
        converted = value;
    } else if (xsd === 'xs:boolean') {
        if (typeof value !== 'boolean') {
            return undefined;
        }
        converted = value;
    } else {
        if (typeof value !== 'string' || nonNumeric) {
            return undefined; // texts only: numbers, booleans, objects and null are no text
        }
        converted = value;
    }
    if (sink.bounds && typeof converted === 'number'
        && (converted < sink.bounds[0] || converted > sink.bounds[1])) {
        return undefined; // OUT_OF_RANGE
    }
    return converted;
}

/* Sets value at features/<feature>/properties/<path...> of the merge patch. */
function twinloopPut(patch, sink, value) {
    var feature = patch[sink.feature] || (patch[sink.feature] = {});
    var node = feature.properties || (feature.properties = {});
    for (var i = 0; i < sink.path.length - 1; i++) {
        var key = sink.path[i];
        if (node[key] === null || typeof node[key] !== 'object') {
            node[key] = {};
        }
        node = node[key];
    }
    node[sink.path[sink.path.length - 1]] = value;
}

function mapToDittoProtocolMsg(headers, textPayload, bytePayload, contentType) {
    var deviceId = twinloopHeader(headers, 'device_id');
    if (deviceId === undefined || !Object.prototype.hasOwnProperty.call(TWINLOOP_HONO.devices, deviceId)) {
        return null; // UNKNOWN_DEVICE: no twin of this tenant names the device
    }
    var device = TWINLOOP_HONO.devices[deviceId];
    var type = String(contentType || twinloopHeader(headers, 'content-type') || '').toLowerCase();
    if (type.indexOf('application/vnd.eclipse-hono-') === 0) {
        return null; // Hono's own notifications (empty notification with ttd): no values in them
    }
    if (!twinloopIsJson(type)) {
        return null; // MALFORMED_PAYLOAD: another content type
    }
    var text = textPayload;
    if (text === null || text === undefined) {
        text = bytePayload ? Ditto.arrayBufferToString(bytePayload) : '';
    }
    var payload;
    try {
        payload = twinloopParse(String(text));
    } catch (e) {
        return null; // MALFORMED_PAYLOAD: not JSON
    }
    if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
        return null; // MALFORMED_PAYLOAD: not a JSON object
    }
    var patch = {};
    var written = 0;
    var keys = Object.keys(payload);
    for (var k = 0; k < keys.length; k++) {
        if (!Object.prototype.hasOwnProperty.call(device.points, keys[k])) {
            continue; // UNKNOWN_DATA_POINT
        }
        var sinks = device.points[keys[k]];
        for (var s = 0; s < sinks.length; s++) {
            var value = twinloopToTwin(payload[keys[k]], sinks[s]);
            if (value !== undefined) {
                twinloopPut(patch, sinks[s], value);
                written++;
            }
        }
    }
    if (written === 0) {
        return null;
    }
    var separator = device.thingId.indexOf(':');
    return Ditto.buildDittoProtocolMsg(device.thingId.substring(0, separator), device.thingId.substring(separator + 1),
        'things', 'twin', 'commands', 'merge', '/features',
        {'content-type': 'application/merge-patch+json'}, patch);
}
