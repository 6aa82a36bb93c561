"""Hand-written HTML pages for the reading tests (no third-party page is copied here)."""

from __future__ import annotations

ARTICLE_PARAGRAPHS = [
    "The harbour board said on Thursday that the two container cranes ordered in 2019 would not arrive "
    "before the autumn, the third delay this year.",
    "A spokesman for the terminal operator told reporters that the manufacturer had given no reason, and "
    "that the northern quay would stay half-empty until the cranes were installed.",
    "Shipping agents expect higher handling fees. Several of them described the delay as a serious setback "
    "for the town's plan to attract feeder lines from the larger ports.",
]

WORDPRESS_PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Harbour cranes delayed again | The Quay Gazette</title>
<meta name="author" content="Mara Velinova">
<meta property="og:title" content="Harbour cranes delayed again">
<meta property="og:site_name" content="The Quay Gazette">
<meta property="article:published_time" content="2021-03-14T09:30:00+00:00">
<link rel="canonical" href="https://gazette.example.org/2021/03/cranes-delayed/">
</head><body>
<header><nav><a href="/">Home</a> | <a href="/port">Port</a> | <a href="/about">About</a></nav></header>
<main><article class="post">
<h1 class="entry-title">Harbour cranes delayed again</h1>
<div class="entry-content">
<p>{0}</p>
<p>{1}</p>
<p>{2}</p>
</div></article>
<section id="comments" class="comments-area">
<h2 class="comments-title">3 thoughts on &ldquo;Harbour cranes delayed again&rdquo;</h2>
<ol class="comment-list">
<li id="comment-11" class="comment depth-1">
 <article class="comment-body">
  <footer class="comment-meta">
   <div class="comment-author vcard"><b class="fn">Tomasz Wrona</b> <span class="says">says:</span></div>
   <div class="comment-metadata"><a href="#comment-11"><time datetime="2021-03-14T11:02:00+00:00">March 14, 2021 at 11:02 am</time></a></div>
  </footer>
  <div class="comment-content"><p>They were ordered in 2019; a two-year wait is absurd for standard equipment.</p></div>
  <div class="reply"><a class="comment-reply-link" href="#">Reply</a></div>
 </article>
 <ol class="children">
  <li id="comment-12" class="comment depth-2">
   <article class="comment-body">
    <footer class="comment-meta">
     <div class="comment-author vcard"><b class="fn">Ines</b> <span class="says">says:</span></div>
     <div class="comment-metadata"><a href="#comment-12"><time datetime="2021-03-15T08:45:00+00:00">March 15, 2021 at 8:45 am</time></a></div>
    </footer>
    <div class="comment-content"><p>My cousin works on the quay and says the foundations are not even poured.</p>
    <p>So the manufacturer is not the only one to blame.</p></div>
   </article>
  </li>
 </ol>
</li>
<li id="comment-13" class="comment depth-1">
 <article class="comment-body">
  <footer class="comment-meta">
   <div class="comment-author vcard"><b class="fn">Piet de Vries</b> <span class="says">says:</span></div>
   <div class="comment-metadata"><time datetime="2021-03-16T19:20:00+00:00">2 days later</time></div>
  </footer>
  <div class="comment-content"><p>Same story at our port last year.</p></div>
 </article>
</li>
</ol>
<div id="respond"><h3>Leave a Reply</h3><form><textarea name="comment"></textarea></form></div>
</section></main>
<footer>&copy; 2021 The Quay Gazette</footer>
</body></html>
""".format(*ARTICLE_PARAGRAPHS)

TYPEPAD_PAGE = """<html><head><title>Notes from the quay</title></head><body>
<div id="content"><div class="entry">
<h3 class="entry-header">Notes from the quay</h3>
<div class="entry-body"><p>{0}</p><p>{1}</p><p>{2}</p></div>
<p class="entry-footer">Posted by mira on April 2, 2021 at 09:14 UTC | <a href="#">Permalink</a></p>
</div>
<div class="comments" id="comments"><h3>Comments</h3>
<div class="comment" id="c1"><div class="comment-content"><p>The cranes were sold twice, I heard.</p></div>
<p class="comment-footer">Posted by: <a href="#">harbour watcher</a> | Apr 2 2021 11:40 utc | <a href="#c1">1</a></p></div>
<div class="comment" id="c2"><div class="comment-content"><p>Nonsense, they are still at the factory.</p></div>
<p class="comment-footer">Posted by: Olu | Apr 3 2021 7:05 utc | <a href="#c2">2</a></p></div>
</div></div></body></html>
""".format(*ARTICLE_PARAGRAPHS)
