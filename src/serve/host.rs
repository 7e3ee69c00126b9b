//! DNS rebinding: a web page on `evil.example` whose name is made to resolve
//! to 127.0.0.1 can make the visitor's browser send requests to the
//! preview, with `Host: evil.example`. On a loopback bind, only requests
//! whose `Host` names this machine (`localhost`, `*.localhost`, a loopback
//! address) are answered; the rest get 403. A non-loopback `--bind` serves
//! other machines on purpose, and any `Host` is accepted there. A request
//! without `Host` (HTTP/1.0; browsers always send one) is answered.

use std::net::IpAddr;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Which `Host` headers are answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HostPolicy {
    /// Loopback bind: only names of this machine.
    LoopbackOnly,
    /// `--bind` to a non-loopback address: any.
    Any,
}

impl HostPolicy {
    pub fn for_bind(bind: IpAddr) -> HostPolicy {
        if bind.is_loopback() {
            HostPolicy::LoopbackOnly
        } else {
            HostPolicy::Any
        }
    }
}

/// Whether a `Host` header value (`name`, `name:port`, `[v6]:port`) names
/// this machine.
pub fn is_loopback_host(host: &str) -> bool {
    let host = host.trim();
    let name = if let Some(rest) = host.strip_prefix('[') {
        match rest.split_once(']') {
            Some((v6, port)) if port.is_empty() || is_port(port) => v6,
            _ => return false,
        }
    } else {
        match host.rsplit_once(':') {
            Some((name, port)) if is_port(port) => name,
            Some(_) => return false,
            None => host,
        }
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    if name == "localhost" || name.ends_with(".localhost") {
        return true;
    }
    name.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

fn is_port(s: &str) -> bool {
    s.strip_prefix(':')
        .unwrap_or(s)
        .bytes()
        .all(|b| b.is_ascii_digit())
        && s.len() <= 6
}

/// The axum middleware enforcing `policy`.
pub async fn guard(State(policy): State<HostPolicy>, req: Request, next: Next) -> Response {
    if policy == HostPolicy::LoopbackOnly {
        if let Some(host) = req.headers().get(header::HOST) {
            let ok = host.to_str().is_ok_and(is_loopback_host);
            if !ok {
                return (
                    StatusCode::FORBIDDEN,
                    [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
                    Body::from(
                        "forbidden: the Host header does not name this machine (DNS rebinding?)\nhint: open the preview at http://127.0.0.1:<port>/ or http://localhost:<port>/; to serve other machines, start `stele serve --bind 0.0.0.0`\n",
                    ),
                )
                    .into_response();
            }
        }
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_names_and_addresses() {
        for ok in [
            "127.0.0.1:1111",
            "127.0.0.1",
            "127.1.2.3:80",
            "localhost",
            "LOCALHOST:1111",
            "localhost.:1111",
            "docs.localhost:1111",
            "[::1]:1111",
            "[::1]",
        ] {
            assert!(is_loopback_host(ok), "{ok}");
        }
        for bad in [
            "evil.example",
            "evil.example:1111",
            "localhost.evil.example",
            "127.0.0.1.evil.example",
            "10.0.0.1:1111",
            "[::2]:1111",
            "[::1]x",
            "localhost:abc",
            "",
            "0.0.0.0:1111",
        ] {
            assert!(!is_loopback_host(bad), "{bad}");
        }
    }
}
