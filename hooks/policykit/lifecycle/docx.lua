-- pandoc filter for `make docx` (policykit.lifecycle.docx).
-- 1. Python-Markdown footnotes become Word footnotes: each page (a Div) keeps its notes in a
--    Div.footnote holding an ordered list; a reference is Superscript[Link.footnote-ref "n"].
-- 2. With metadata `redline-author` (and `redline-date`), the redline's <ins>/<del>
--    (Underline/Strikeout) become Word tracked changes (insertion/deletion spans).

local function without_backrefs(blocks)
  return pandoc.walk_block(pandoc.Div(blocks), {
    Link = function(link)
      if link.classes:includes('footnote-backref') then return {} end
    end,
  }).content
end

local function with_notes(div)
  local items, kept = nil, {}
  for _, block in ipairs(div.content) do
    if block.t == 'Div' and block.classes:includes('footnote') then
      for _, inner in ipairs(block.content) do
        if inner.t == 'OrderedList' then items = inner.content end
      end
    else
      table.insert(kept, block)
    end
  end
  if not items then return nil end
  div.content = kept
  return pandoc.walk_block(div, {
    Superscript = function(sup)
      local link = sup.content[1]
      if #sup.content == 1 and link.t == 'Link' and link.classes:includes('footnote-ref') then
        local number = tonumber(pandoc.utils.stringify(link.content))
        if number and items[number] then return pandoc.Note(without_backrefs(items[number])) end
      end
    end,
  })
end

local author, date = nil, nil

local function tracked(kind)
  return function(element)
    if author then
      return pandoc.Span(element.content,
        pandoc.Attr('', {kind}, {{'author', author}, {'date', date}}))
    end
  end
end

return {
  {
    Meta = function(meta)
      if meta['redline-author'] then
        author = pandoc.utils.stringify(meta['redline-author'])
        date = pandoc.utils.stringify(meta['redline-date'] or '')
      end
    end,
  },
  {
    Div = function(div)
      if not div.classes:includes('footnote') then return with_notes(div) end
    end,
    Underline = tracked('insertion'),
    Strikeout = tracked('deletion'),
  },
}
