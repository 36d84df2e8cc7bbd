//! Who the client is: the TCP peer, or, when the peer is a reverse proxy the operator
//! trusts (`--trusted-proxy`), the address it forwards in `X-Forwarded-For` and the scheme
//! it forwards in `X-Forwarded-Proto`. From anyone else these headers are removed before
//! any handler runs, so that nothing downstream can believe a forged one.

use std::net::{IpAddr, SocketAddr};
use std::str::FromStr;

use axum::http::header::FORWARDED;
use axum::http::{HeaderMap, HeaderName, HeaderValue, Request};
use ipnet::IpNet;

static X_FORWARDED_FOR: HeaderName = HeaderName::from_static("x-forwarded-for");
static X_FORWARDED_PROTO: HeaderName = HeaderName::from_static("x-forwarded-proto");
static X_REAL_IP: HeaderName = HeaderName::from_static("x-real-ip");

/// The reverse proxies whose forwarding headers are believed: addresses or ranges.
#[derive(Clone, Debug, Default)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    pub fn new(ranges: Vec<IpNet>) -> Self {
        TrustedProxies(ranges)
    }

    /// Reads one address (`10.0.0.1`, `::1`) or range (`10.0.0.0/8`, `fd00::/8`).
    pub fn parse_one(value: &str) -> Result<IpNet, String> {
        let value = value.trim();
        if value.contains('/') {
            IpNet::from_str(value).map_err(|_| format!("{value:?} is not an address range like 10.0.0.0/8"))
        } else {
            IpAddr::from_str(value)
                .map(IpNet::from)
                .map_err(|_| format!("{value:?} is not an IP address like 10.0.0.1 or a range like 10.0.0.0/8"))
        }
    }

    pub fn trusts(&self, address: IpAddr) -> bool {
        let address = address.to_canonical();
        self.0.iter().any(|range| range.contains(&address))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The client's address as every limit sees it (the login limiter, the connection caps):
/// the TCP peer, or the address a trusted proxy forwarded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientAddr(pub IpAddr);

/// Puts the client's address in the request's extensions and leaves only the forwarding
/// headers that are believed: `X-Forwarded-Proto` as the nearest trusted proxy set it, and
/// none at all from a peer that is not a trusted proxy.
pub fn resolve<B>(request: &mut Request<B>, peer: SocketAddr, proxies: &TrustedProxies) {
    let peer = peer.ip().to_canonical();
    let headers = request.headers_mut();
    let client = if proxies.trusts(peer) {
        let proto = last_value(headers, &X_FORWARDED_PROTO);
        headers.remove(&X_FORWARDED_PROTO);
        if let Some(value) = proto.and_then(|proto| HeaderValue::from_str(&proto).ok()) {
            headers.insert(X_FORWARDED_PROTO.clone(), value);
        }
        forwarded_client(headers, peer, proxies)
    } else {
        headers.remove(&X_FORWARDED_PROTO);
        peer
    };
    // Nothing below reads these: removed so that nothing ever believes them by mistake.
    headers.remove(&X_FORWARDED_FOR);
    headers.remove(FORWARDED);
    headers.remove(&X_REAL_IP);
    request.extensions_mut().insert(ClientAddr(client));
}

/// The last comma-separated value of a header: what the nearest proxy added.
fn last_value(headers: &HeaderMap, name: &HeaderName) -> Option<String> {
    headers
        .get_all(name)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(str::trim)
        .rfind(|value| !value.is_empty())
        .map(str::to_owned)
}

/// The rightmost address of `X-Forwarded-For` that is not itself a trusted proxy: each
/// proxy appends the address it received from, so everything left of the first untrusted
/// hop could have been written by the client. An entry that cannot be read stops the walk
/// at the last hop that could.
fn forwarded_client(headers: &HeaderMap, peer: IpAddr, proxies: &TrustedProxies) -> IpAddr {
    let entries: Vec<&str> = headers
        .get_all(&X_FORWARDED_FOR)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(str::trim)
        .collect();
    let mut client = peer;
    for entry in entries.iter().rev() {
        let Some(address) = read_address(entry) else { break };
        client = address;
        if !proxies.trusts(address) {
            break;
        }
    }
    client
}

/// An address as proxies write it: bare, or with a port (`1.2.3.4:5678`, `[::1]:80`).
fn read_address(entry: &str) -> Option<IpAddr> {
    IpAddr::from_str(entry)
        .ok()
        .or_else(|| SocketAddr::from_str(entry).ok().map(|socket| socket.ip()))
        .map(|address| address.to_canonical())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(headers: &[(&str, &str)]) -> Request<()> {
        let mut builder = Request::builder().uri("/");
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        builder.body(()).unwrap_or_default()
    }

    fn proxies(list: &[&str]) -> TrustedProxies {
        TrustedProxies::new(list.iter().filter_map(|p| TrustedProxies::parse_one(p).ok()).collect())
    }

    fn client(request: &Request<()>) -> Option<String> {
        request.extensions().get::<ClientAddr>().map(|ClientAddr(address)| address.to_string())
    }

    #[test]
    fn headers_from_an_untrusted_peer_are_dropped() {
        let mut req = request(&[("x-forwarded-for", "9.9.9.9"), ("x-forwarded-proto", "https")]);
        resolve(&mut req, "203.0.113.5:4000".parse().unwrap_or_else(|_| unreachable!()), &proxies(&["10.0.0.1"]));
        assert_eq!(client(&req).as_deref(), Some("203.0.113.5"));
        assert!(req.headers().get("x-forwarded-proto").is_none());
        assert!(req.headers().get("x-forwarded-for").is_none());
    }

    #[test]
    fn a_trusted_proxy_names_the_rightmost_untrusted_hop() {
        let trusted = proxies(&["10.0.0.0/8", "::1"]);
        let peer: SocketAddr = "10.0.0.1:4000".parse().unwrap_or_else(|_| unreachable!());
        let mut req =
            request(&[("x-forwarded-for", "6.6.6.6, 198.51.100.7, 10.1.2.3"), ("x-forwarded-proto", "https")]);
        resolve(&mut req, peer, &trusted);
        assert_eq!(client(&req).as_deref(), Some("198.51.100.7"));
        assert_eq!(req.headers().get("x-forwarded-proto").and_then(|v| v.to_str().ok()), Some("https"));
        // Garbage stops the walk at the last readable hop.
        let mut req = request(&[("x-forwarded-for", "6.6.6.6, nonsense, 10.1.2.3")]);
        resolve(&mut req, peer, &trusted);
        assert_eq!(client(&req).as_deref(), Some("10.1.2.3"));
        // No header: the proxy itself.
        let mut req = request(&[]);
        resolve(&mut req, peer, &trusted);
        assert_eq!(client(&req).as_deref(), Some("10.0.0.1"));
        // Ports and IPv4-mapped peers.
        let mut req = request(&[("x-forwarded-for", "[2001:db8::1]:443")]);
        resolve(&mut req, "[::ffff:10.0.0.1]:80".parse().unwrap_or_else(|_| unreachable!()), &trusted);
        assert_eq!(client(&req).as_deref(), Some("2001:db8::1"));
    }

    #[test]
    fn parses_addresses_and_ranges() {
        assert!(TrustedProxies::parse_one("10.0.0.0/8").is_ok());
        assert!(TrustedProxies::parse_one(" 127.0.0.1 ").is_ok());
        assert!(TrustedProxies::parse_one("::1").is_ok());
        assert!(TrustedProxies::parse_one("localhost").is_err());
        assert!(TrustedProxies::parse_one("10.0.0.0/33").is_err());
    }
}
