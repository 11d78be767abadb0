package io.cernvm.cvmfs.internal.download;

/**
 * The helper functions a PAC file may call, written in JavaScript after the Netscape PAC
 * description; name lookups and the current time come from the host objects
 * {@code __resolve(host)}, {@code __myAddress()} and {@code __now(gmt)} that {@link PacScript}
 * installs. Date and time ranges are inclusive at the precision given and may wrap around
 * (e.g. {@code dateRange("DEC", "JAN")}), as the reference implementation compares them.
 */
final class PacFunctions {

    static final String SOURCE = """
            var __DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
            var __MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

            function isPlainHostName(host) {
                return String(host).indexOf('.') < 0;
            }

            function dnsDomainIs(host, domain) {
                var h = String(host), d = String(domain);
                return h.length >= d.length && h.substring(h.length - d.length) === d;
            }

            function localHostOrDomainIs(host, hostdom) {
                var h = String(host), full = String(hostdom);
                return h === full || (h.indexOf('.') < 0 && full.indexOf(h + '.') === 0);
            }

            function dnsResolve(host) {
                return __resolve(String(host));
            }

            function isResolvable(host) {
                return __resolve(String(host)) !== null;
            }

            function myIpAddress() {
                return __myAddress();
            }

            function dnsDomainLevels(host) {
                var s = String(host), n = 0;
                for (var i = 0; i < s.length; i++) {
                    if (s.charAt(i) === '.') {
                        n++;
                    }
                }
                return n;
            }

            function shExpMatch(str, shexp) {
                var pattern = String(shexp), re = '';
                for (var i = 0; i < pattern.length; i++) {
                    var c = pattern.charAt(i);
                    if (c === '*') {
                        re += '.*';
                    } else if (c === '?') {
                        re += '.';
                    } else if ('\\\\^$.|+()[]{}/'.indexOf(c) >= 0) {
                        re += '\\\\' + c;
                    } else {
                        re += c;
                    }
                }
                return new RegExp('^' + re + '$').test(String(str));
            }

            function __ipv4(text) {
                var m = /^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})$/.exec(String(text));
                if (m === null) {
                    return null;
                }
                var n = 0;
                for (var i = 1; i <= 4; i++) {
                    var b = Number(m[i]);
                    if (b > 255) {
                        return null;
                    }
                    n = n * 256 + b;
                }
                return n;
            }

            function isInNet(host, pattern, mask) {
                var addr = __ipv4(host);
                if (addr === null) {
                    var resolved = __resolve(String(host));
                    addr = resolved === null ? null : __ipv4(resolved);
                }
                var net = __ipv4(pattern), bits = __ipv4(mask);
                if (addr === null || net === null || bits === null) {
                    return false;
                }
                return ((addr & bits) >>> 0) === ((net & bits) >>> 0);
            }

            function alert(message) {
                __alert(String(message));
            }

            function __split(args) {
                var list = Array.prototype.slice.call(args);
                var gmt = list.length > 0 && String(list[list.length - 1]).toUpperCase() === 'GMT';
                if (gmt) {
                    list.pop();
                }
                return { list: list, now: __now(gmt) };
            }

            function __within(lo, hi, x) {
                return lo <= hi ? (lo <= x && x <= hi) : (x >= lo || x <= hi);
            }

            function weekdayRange() {
                var a = __split(arguments), list = a.list;
                if (list.length < 1 || list.length > 2) {
                    return false;
                }
                var first = __DAYS.indexOf(String(list[0]).toUpperCase());
                var last = list.length === 2 ? __DAYS.indexOf(String(list[1]).toUpperCase()) : first;
                return first >= 0 && last >= 0 && __within(first, last, a.now[3]);
            }

            function __datePart(value) {
                var month = __MONTHS.indexOf(String(value).toUpperCase());
                if (month >= 0) {
                    return { kind: 'm', value: month };
                }
                var n = Number(value);
                if (isNaN(n) || n < 1 || Math.floor(n) !== n) {
                    return null;
                }
                return n <= 31 ? { kind: 'd', value: n } : { kind: 'y', value: n };
            }

            function __dateKey(kinds, values) {
                var y = 0, m = 0, d = 0;
                for (var i = 0; i < kinds.length; i++) {
                    if (kinds[i] === 'y') { y = values[i]; }
                    if (kinds[i] === 'm') { m = values[i]; }
                    if (kinds[i] === 'd') { d = values[i]; }
                }
                return (y * 12 + m) * 32 + d;
            }

            function dateRange() {
                var a = __split(arguments), list = a.list, now = a.now;
                var parts = [];
                for (var i = 0; i < list.length; i++) {
                    var p = __datePart(list[i]);
                    if (p === null) {
                        return false;
                    }
                    parts.push(p);
                }
                var current = { d: now[2], m: now[1], y: now[0] };
                if (parts.length === 1) {
                    return current[parts[0].kind] === parts[0].value;
                }
                if (parts.length !== 2 && parts.length !== 4 && parts.length !== 6) {
                    return false;
                }
                var half = parts.length / 2, kinds = [], lo = [], hi = [], x = [];
                for (var j = 0; j < half; j++) {
                    if (parts[j].kind !== parts[half + j].kind || kinds.indexOf(parts[j].kind) >= 0) {
                        return false;
                    }
                    kinds.push(parts[j].kind);
                    lo.push(parts[j].value);
                    hi.push(parts[half + j].value);
                    x.push(current[parts[j].kind]);
                }
                var from = __dateKey(kinds, lo), to = __dateKey(kinds, hi), at = __dateKey(kinds, x);
                if (kinds.indexOf('y') >= 0) {
                    return from <= at && at <= to;
                }
                return __within(from, to, at);
            }

            function timeRange() {
                var a = __split(arguments), list = a.list, now = a.now, n = list.length;
                var v = [];
                for (var i = 0; i < n; i++) {
                    var num = Number(list[i]);
                    if (isNaN(num)) {
                        return false;
                    }
                    v.push(num);
                }
                if (n === 1) {
                    return now[4] === v[0];
                }
                if (n !== 2 && n !== 4 && n !== 6) {
                    return false;
                }
                var half = n / 2, from = 0, to = 0, at = 0;
                for (var j = 0; j < 3; j++) {
                    from = from * 60 + (j < half ? v[j] : 0);
                    to = to * 60 + (j < half ? v[half + j] : 0);
                    at = at * 60 + (j < half ? now[4 + j] : 0);
                }
                return __within(from, to, at);
            }
            """;

    private PacFunctions() {
    }
}
