"""A hostile corpus: a report, a web page and a feed whose every field tries to run a script."""

from __future__ import annotations

# What a payload would do if it ran: each effect is something the tests look for in the browser.
PAYLOAD = ("window.__pwned=1;document.title='PWNED';"
           "document.body.append(Object.assign(document.createElement('b'),{id:'pwned-node'}));alert('pwned')")
HOSTILE_REPORT = f"""Convoy <script>{PAYLOAD}</script> seen at the border

Frontier Times
March 2, 2024

The Ministry of Defence of Mongolia said on Monday that <img src=x onerror="{PAYLOAD}">no armoured vehicles
were sold to Kyrgyzstan. Local reporters wrote that Mongolia delivered twelve tanks to Kyrgyzstan in March
<a href="javascript:{PAYLOAD}">see the footage</a>. <svg onload="{PAYLOAD}"></svg>
<body onload="{PAYLOAD}"><iframe src="javascript:{PAYLOAD}"></iframe><details open ontoggle="{PAYLOAD}">more</details>

Comments

The ministry is lying <script>{PAYLOAD}</script>, the tanks were there.

Posted by: <img src=x onerror="{PAYLOAD}"> | Mar 3 2024 10:02 utc | 1
"""
HOSTILE_PAGE = f"""<html><head><title>Tanks <script>{PAYLOAD}</script> for Kyrgyzstan</title>
<meta name="author" content="&lt;svg onload=&quot;{PAYLOAD}&quot;&gt;"></head>
<body onload="{PAYLOAD}"><article><h1>Tanks for Kyrgyzstan</h1>
<p>Mongolia sold armoured vehicles to Kyrgyzstan, the newspaper &lt;script&gt;{PAYLOAD}&lt;/script&gt; reported.</p>
<p>The government of Kyrgyzstan denied buying any armoured vehicles &lt;img src=x onerror="{PAYLOAD}"&gt;.</p>
</article></body></html>
"""
HOSTILE_FEED = ('{"id": "hostile-feed", "title": "<script>' + PAYLOAD + '</script> Deliveries", '
                '"url": "javascript:' + PAYLOAD + '", "author": "<img src=x onerror=\\"' + PAYLOAD + '\\">", '
                '"outlet": "<svg onload=\\"' + PAYLOAD + '\\">", "published": "2024-03-20", '
                '"text": "Kyrgyzstan received armoured vehicles from Mongolia, officials said <script>'
                + PAYLOAD + '</script>."}\n')
