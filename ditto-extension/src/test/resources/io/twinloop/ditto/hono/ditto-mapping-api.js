/*
 * The mapping API Eclipse Ditto's JavaScript mapping engine puts into every mapping script's scope, written for
 * TwinLoop's tests from Ditto's documentation of its contract (Ditto 3.8, "Payload mapping in connectivity service",
 * https://eclipse.dev/ditto/connectivity-mapping.html: "Helper functions", "Mapping incoming messages" and
 * "Mapping outgoing messages" with the default mapToDittoProtocolMsgWrapper / mapFromDittoProtocolMsgWrapper).
 * Not Ditto's code: it reproduces the documented behaviour (field names, topic layout, "none" channel, the
 * wrappers' argument order) so the scripts run here as they would in Ditto's connectivity service.
 */
var Ditto = (function () {
    function buildTopic(namespace, name, group, channel, criterion, action) {
        // documented: channel "none" (policies, connections) leaves the channel out of the topic
        var channelPart = channel === 'none' ? '' : '/' + channel;
        return namespace + '/' + name + '/' + group + channelPart + '/' + criterion + '/' + action;
    }

    return {
        buildTopic: buildTopic,
        buildDittoProtocolMsg: function (namespace, name, group, channel, criterion, action, path, dittoHeaders,
                                         value, status, extra) {
            return {
                topic: buildTopic(namespace, name, group, channel, criterion, action),
                path: path,
                headers: dittoHeaders,
                value: value,
                status: status,
                extra: extra
            };
        },
        buildExternalMsg: function (headers, textPayload, bytePayload, contentType) {
            return {headers: headers, textPayload: textPayload, bytePayload: bytePayload, contentType: contentType};
        },
        // documented: the bytes as unsigned 8 bit character codes (not UTF-8 decoding)
        arrayBufferToString: function (arrayBuffer) {
            var bytes = new Uint8Array(arrayBuffer);
            var text = '';
            for (var i = 0; i < bytes.length; i++) {
                text += String.fromCharCode(bytes[i]);
            }
            return text;
        },
        stringToArrayBuffer: function (string) {
            var buffer = new ArrayBuffer(string.length);
            var view = new Uint8Array(buffer);
            for (var i = 0; i < string.length; i++) {
                view[i] = string.charCodeAt(i);
            }
            return buffer;
        },
        asByteBuffer: function (arrayBuffer) {
            // documented as needing bytebuffer.js (loadBytebufferJS); TwinLoop's scripts do not load it
            if (typeof dcodeIO === 'undefined') {
                throw new Error('Ditto.asByteBuffer needs bytebuffer.js (option loadBytebufferJS)');
            }
            var copy = new ArrayBuffer(arrayBuffer.byteLength);
            new Uint8Array(copy).set(new Uint8Array(arrayBuffer));
            return dcodeIO.ByteBuffer.wrap(copy);
        }
    };
})();

/* Documented default: hands the external message's parts to mapToDittoProtocolMsg; a script may replace it. */
function mapToDittoProtocolMsgWrapper(externalMsg) {
    return mapToDittoProtocolMsg(externalMsg.headers, externalMsg.textPayload, externalMsg.bytePayload,
        externalMsg.contentType);
}

/*
 * Documented default: splits the Ditto Protocol message's topic (groups without a channel, e.g. policies and
 * connections, get channel "none") and hands its parts to mapFromDittoProtocolMsg; a script may replace it.
 */
function mapFromDittoProtocolMsgWrapper(dittoProtocolMsg) {
    var parts = dittoProtocolMsg.topic.split('/');
    var hasChannel = parts[2] === 'things';
    var channel = hasChannel ? parts[3] : 'none';
    var criterion = hasChannel ? parts[4] : parts[3];
    var action = hasChannel ? parts[5] : parts[4];
    return mapFromDittoProtocolMsg(parts[0], parts[1], parts[2], channel, criterion, action, dittoProtocolMsg.path,
        dittoProtocolMsg.headers, dittoProtocolMsg.value, dittoProtocolMsg.status, dittoProtocolMsg.extra);
}
