// Sociale kaart: draw the search results on a Leaflet map.
// Progressive enhancement only: the result list above the map works without
// this file. The page passes everything through data-attributes, because the
// Content-Security-Policy forbids inline scripts:
//   data-directory-map      marks the container
//   data-endpoint           JSON with {"results": [{name, url, latitude, longitude, where, when,
//                           address, phone, phone_href, email}]}
//   data-tile-url           tile URL template ({z}/{x}/{y}); empty = no map
//   data-tile-attribution   text shown in the corner of the map
"use strict";

(function () {
  function popupContent(item) {
    // Build DOM nodes instead of HTML strings, so data from the directory
    // can never inject markup.
    const box = document.createElement("div");
    const link = document.createElement("a");
    link.href = item.url;
    link.textContent = item.name;
    const title = document.createElement("strong");
    title.appendChild(link);
    box.appendChild(title);
    [item.organisation, item.when, item.where].forEach(function (text) {
      if (text) {
        const line = document.createElement("div");
        line.textContent = text;
        box.appendChild(line);
      }
    });
    // Phone and e-mail as links, so a wijkteam worker can call straight from the map.
    [[item.phone, item.phone_href], [item.email, item.email ? "mailto:" + item.email : ""]].forEach(function (pair) {
      if (pair[0] && pair[1] && /^(tel|mailto):/.test(pair[1])) {
        const line = document.createElement("div");
        const contact = document.createElement("a");
        contact.href = pair[1];
        contact.textContent = pair[0];
        line.appendChild(contact);
        box.appendChild(line);
      }
    });
    return box;
  }

  function draw(container, data) {
    const points = (data.results || []).filter(function (item) {
      return typeof item.latitude === "number" && typeof item.longitude === "number";
    });
    const status = container.parentElement.querySelector("[data-map-status]");
    if (status) {
      status.textContent = points.length === 0 ? status.dataset.empty : status.dataset.count.replace("%(count)s", String(points.length));
    }
    if (points.length === 0) {
      container.hidden = true;
      return;
    }
    container.hidden = false;
    const map = L.map(container, { scrollWheelZoom: false });
    L.tileLayer(container.dataset.tileUrl, {
      maxZoom: 19,
      attribution: container.dataset.tileAttribution || "",
    }).addTo(map);
    const bounds = [];
    points.forEach(function (item) {
      const latlng = [item.latitude, item.longitude];
      bounds.push(latlng);
      L.marker(latlng, { title: item.name, alt: item.name, keyboard: true })
        .bindPopup(popupContent(item))
        .addTo(map);
    });
    map.fitBounds(bounds, { padding: [24, 24], maxZoom: 16 });
  }

  function init(container) {
    if (typeof L === "undefined" || !container.dataset.tileUrl || !window.fetch) {
      return;
    }
    fetch(container.dataset.endpoint, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.json();
      })
      .then(function (data) {
        draw(container, data);
      })
      .catch(function () {
        container.hidden = true;
      });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-directory-map]").forEach(init);
  });
})();
