"""Every word the report shows, in Japanese and English. Data values are translated here too."""

from __future__ import annotations

LANGUAGES = ("ja", "en")

_TEXT = {
    "report_title": {
        "ja": "コインチェック NEM 流出事件(2018年1月): 経緯・対応の速さ・補償",
        "en": "The Coincheck NEM theft of January 2018: timeline, speed of response, compensation",
    },
    "subtitle": {
        "ja": "2018年1月26日の流出から2月13日の報告書提出と日本円出金再開まで",
        "en": "From the leak on 26 January 2018 to the report and the resumption of yen withdrawals on 13 February",
    },
    "toc": {"ja": "目次", "en": "Contents"},
    "first_day": {"ja": "1月26日: 時間単位の経過", "en": "26 January hour by hour"},
    "later": {"ja": "2月13日以降のマイルストーン", "en": "Milestones after 13 February"},
    "disputed": {"ja": "見解の分かれる事実と不明な事実", "en": "Disputed and missing facts"},
    "comparison_title": {
        "ja": "取引所からの暗号資産流出事件の比較: 対応の速さと顧客への補償",
        "en": "Exchange thefts compared: speed of response and how customers were made whole",
    },
    "comparison_subtitle": {
        "ja": "盗難から各マイルストーンまでの時間。事実はすべて data/ の行と出典に基づく。",
        "en": "Time from each theft to its milestones. Every fact is a row of data/ with its source.",
    },
    "incidents": {"ja": "対象の事件", "en": "The incidents"},
    "since_theft": {"ja": "盗難からの経過日数", "en": "Days from the theft"},
    "remedies": {"ja": "顧客への補償の方法", "en": "How customers were made whole"},
    "incident": {"ja": "事件", "en": "Incident"},
    "exchange_col": {"ja": "取引所", "en": "Exchange"},
    "stolen_col": {"ja": "流出した資産", "en": "What was stolen"},
    "method_col": {"ja": "方法", "en": "Method"},
    "detail_col": {"ja": "内容", "en": "Details"},
    "funded_col": {"ja": "原資", "en": "Funded by"},
    "source_col": {"ja": "出典", "en": "Source"},
    "milestone_col": {"ja": "マイルストーン", "en": "Milestone"},
    "days_col": {"ja": "盗難からの日数", "en": "Days after the theft"},
    "status_col": {"ja": "状態", "en": "Status"},
    "values_col": {"ja": "資料ごとの値", "en": "Values by source"},
    "used_col": {"ja": "分析に用いる値", "en": "Value used"},
    "why_col": {"ja": "理由・注記", "en": "Why / note"},
    "fact_col": {"ja": "事実", "en": "Fact"},
    "disputed_intro": {
        "ja": "資料によって値が異なる事実は、すべての値を出典とともに残し、分析に用いる値を示す。見つからなかった事実は空欄のままとし、推測で埋めない。",
        "en": "Where sources disagree, every value is kept with its source and the one the analysis uses is named. "
        "Facts that were searched for and not found stay empty; none is filled in by guess.",
    },
    "disputed_facts": {"ja": "見解の分かれる事実", "en": "Disputed facts"},
    "missing_facts": {"ja": "不明な事実(資料で見つからないもの)", "en": "Missing facts (searched for, not found)"},
    "secondary_note": {
        "ja": "2月13日以降と1月26日の時刻は二次資料(報道・ブログ)による。出典は各行のリンクを参照。",
        "en": "Facts after 13 February and the times of 26 January come from secondary sources (news and blogs); "
        "each row links the page it was read on.",
    },
    "first_day_chart_title": {
        "ja": "{name}: {day}の経過(時刻は日本時間)",
        "en": "{name}: {day}, hour by hour (Japan time)",
    },
    "clock_axis": {"ja": "時刻({day}、日本時間)", "en": "Time of day ({day}, Japan time)"},
    "alternative": {"ja": "別の資料の値(不採用)", "en": "Another source's value (not used)"},
    "used_value": {"ja": "採用した値", "en": "Value used"},
    "later_chart_title": {"ja": "盗難からの経過日数(コインチェック)", "en": "Days from the theft (Coincheck)"},
    "since_chart_title": {"ja": "盗難から各マイルストーンまでの日数", "en": "Days from the theft to each milestone"},
    "days_log_axis": {"ja": "盗難からの日数(日、対数目盛)", "en": "Days after the theft (days, log scale)"},
    "no_theft_date": {"ja": "盗難日が不明のため測れない", "en": "theft date unknown: nothing can be measured"},
    "hours_after": {"ja": "盗難からの時間", "en": "Hours after the theft"},
    "range": {"ja": "期間のみ判明", "en": "known only to the period"},
    "source_line_research": {
        "ja": "出典: data/events.csv の各行(二次資料を含む。リンクは出典表を参照)。作成: 本レポート",
        "en": "Source: rows of data/events.csv (secondary sources included; links in the sources table). Chart: this report",
    },
    "key_facts": {"ja": "要点", "en": "Key facts"},
    "timeline": {"ja": "時系列", "en": "Timeline"},
    "chain": {"ja": "マイルストーン間の日数", "en": "Time between milestones"},
    "compensation": {"ja": "補償", "en": "Compensation"},
    "order_items": {"ja": "業務改善命令の内容", "en": "The business improvement order"},
    "sources": {"ja": "出典とデータの注記", "en": "Sources and data notes"},
    "events_table": {"ja": "全イベントと出典", "en": "All events and their sources"},
    "quality_notes": {
        "ja": "データの注記(原資料の記載と訂正)",
        "en": "Data notes (what the seed printed and what we use)",
    },
    # key facts
    "fact": {"ja": "項目", "en": "Fact"},
    "value": {"ja": "値", "en": "Value"},
    "basis": {"ja": "根拠", "en": "Basis"},
    "stolen": {"ja": "流出した通貨と数量", "en": "What was stolen"},
    "reported_loss": {"ja": "報じられた被害額", "en": "Reported value of the loss"},
    "holders": {"ja": "補償対象の保有者数", "en": "Holders to be compensated"},
    "price_paid": {"ja": "補償単価", "en": "Price paid per unit"},
    "total_paid": {"ja": "補償総額(数量×単価)", "en": "Total paid (units × price)"},
    "implied_price": {"ja": "被害額から逆算した単価", "en": "Price implied by the reported loss"},
    "ratio": {"ja": "補償総額 ÷ 被害額", "en": "Total paid ÷ reported loss"},
    "per_holder": {"ja": "保有者1人あたり平均", "en": "Average per holder"},
    "window": {"ja": "価格算出期間", "en": "Price window"},
    "approx": {"ja": "約", "en": "about"},
    "approx_note": {
        "ja": "「約」は原資料が概数で示す値、またはそれに基づく計算値。",
        "en": "'About' marks a value the source gives as approximate, or a figure computed from one.",
    },
    # chain
    "from": {"ja": "起点", "en": "From"},
    "to": {"ja": "終点", "en": "To"},
    "from_date": {"ja": "起点日", "en": "From date"},
    "to_date": {"ja": "終点日", "en": "To date"},
    "calendar_days": {"ja": "暦日数", "en": "Calendar days"},
    "business_days": {"ja": "営業日数", "en": "Business days"},
    "hours": {"ja": "時間", "en": "Hours"},
    "total": {"ja": "全体", "en": "Whole chain"},
    "bd_note": {
        "ja": "営業日: 土日・国民の祝日(振替休日を含む)・年末年始(12月29日〜1月3日)を除く日。"
        "起点日の翌日から終点日までを数える(同日なら0)。時間は両方の時刻が分かる場合のみ。",
        "en": "Business days exclude weekends, Japanese national holidays (substitute holidays included) and "
        "29 Dec - 3 Jan. They are counted from the day after the start up to and including the end "
        "day (0 on the same day). Hours are given only when both times are known.",
    },
    "deadline_met": {
        "ja": "報告期限 {deadline}、提出 {report}: 期限まで残り {slack} 日",
        "en": "Report deadline {deadline}, report filed {report}: {slack} day(s) to spare",
    },
    "chain_chart_title": {"ja": "マイルストーンの推移と所要日数", "en": "Milestones and the days between them"},
    "holiday_shade": {"ja": "土日祝・休業日", "en": "Weekend or holiday"},
    "deadline": {"ja": "報告期限", "en": "Report deadline"},
    # timeline
    "timeline_chart_title": {
        "ja": "2018年1月26日〜2月13日の出来事(主体別)",
        "en": "Events of 26 Jan - 13 Feb 2018, by actor",
    },
    "date_axis": {"ja": "日付(2018年、日本時間)", "en": "Date (2018, Japan time)"},
    "company_ann": {"ja": "● コインチェックの公表", "en": "● Coincheck announcement"},
    "other_ann": {"ja": "○ その他の動向", "en": "○ Other actors"},
    "derived_fact": {"ja": "◆ 項目内に記された日付", "en": "◆ Date stated inside an item"},
    "whole_day": {"ja": "日付のみ(終日)", "en": "Date only (whole day)"},
    "seed_release_day": {"ja": "原資料の公表日付(1/28)", "en": "Seed's date for the release (28 Jan)"},
    "no": {"ja": "番号", "en": "No."},
    # compensation
    "comp_chart_title": {
        "ja": "補償単価と被害額から逆算した単価",
        "en": "Price paid against the price implied by the loss",
    },
    "price_axis": {"ja": "1 XEM あたりの価格(円)", "en": "Price per XEM (JPY)"},
    "amount_axis": {"ja": "金額(億円)", "en": "Amount (100 million JPY)"},
    "window_chart_title": {"ja": "補償価格の算出期間", "en": "The compensation price window"},
    "time_axis": {"ja": "日時(日本時間)", "en": "Date and time (Japan time)"},
    "window_label": {"ja": "算出期間 {hours} 時間", "en": "Window: {hours} hours"},
    "window_start": {"ja": "売買停止", "en": "Trading halted"},
    "window_end": {"ja": "補償方針の配信", "en": "Policy released"},
    "method": {"ja": "算出方法", "en": "Method"},
    "method_text": {
        "ja": "{market}の出来高加重平均価格。{currency}で{funding}から返金",
        "en": "volume-weighted average price on {market}, paid in {currency} from {funding}",
    },
    # order items
    "item": {"ja": "項目", "en": "Item"},
    "text": {"ja": "内容", "en": "Content"},
    # sources
    "date": {"ja": "日付", "en": "Date"},
    "time": {"ja": "時刻", "en": "Time"},
    "actor": {"ja": "主体", "en": "Actor"},
    "kind": {"ja": "種別", "en": "Kind"},
    "title": {"ja": "表題・内容", "en": "Title or description"},
    "link": {"ja": "リンク", "en": "Link"},
    "seed_item": {"ja": "原資料の項番", "en": "Seed item"},
    "note": {"ja": "注記", "en": "Note"},
    "as_printed": {"ja": "原資料の記載", "en": "As printed"},
    "source_line": {
        "ja": "出典: {source}(項番は data/ の seed_item)。作成: 本レポート",
        "en": "Source: {source} (item numbers in data/, column seed_item). Chart: this report",
    },
    "seed_name": {
        "ja": "「コインチェックにおける仮想通貨流出事件の推移」(2018年2月16日)",
        "en": "'コインチェックにおける仮想通貨流出事件の推移' (16 Feb 2018)",
    },
    # evidence and definitions
    "definitions": {"ja": "比較するマイルストーンの定義", "en": "What each compared milestone means"},
    "definitions_intro": {
        "ja": "比較表の各欄は、次の定義のいずれか一つだけに当てはまる事実から作る。どの定義にも当てはまらない事実はマイルストーンとしない。",
        "en": "Every cell of the comparison follows from one of these definitions; a fact that fits none of them "
        "is not a milestone.",
    },
    "definition_col": {"ja": "定義", "en": "Definition"},
    "parts_col": {"ja": "構成", "en": "Made of"},
    "list_separator": {"ja": "・", "en": ", "},
    "earliest_of": {"ja": "{parts}のうち最も早いもの", "en": "the earliest of: {parts}"},
    "evidence": {"ja": "出典ページの記載(調査した事実)", "en": "What the pages print (researched facts)"},
    "evidence_intro": {
        "ja": "原資料以外の事実は、読んだページごとに、日付・時刻・金額をページの記載どおりに示す。"
        "データ読み込み時に、この記載が各行の値と一致するかを検査している。",
        "en": "For every fact from outside the seed, each page read is listed with the date, time or amount exactly "
        "as it prints it. When the data is loaded, each printed figure is checked against the row's value.",
    },
    "printed_col": {"ja": "ページの記載", "en": "As printed"},
    "publisher_col": {"ja": "発行元・掲載日", "en": "Publisher, page date"},
    "checked_col": {"ja": "確認日", "en": "Checked"},
    "zone_note": {"ja": "時間帯: {zone}", "en": "zone: {zone}"},
    "generated": {
        "ja": "データ: data/*.csv。数値はすべて data/ の行から計算。",
        "en": "Data: data/*.csv. Every number is computed from rows of data/.",
    },
}

_VALUES = {
    "actor": {
        "coincheck": {"ja": "コインチェック", "en": "Coincheck"},
        "fsa": {"ja": "金融庁", "en": "FSA"},
        "attacker": {"ja": "不正送金者", "en": "Attacker"},
        "lawyers": {"ja": "被害対策弁護団", "en": "Victims' lawyers"},
        "victims_association": {"ja": "被害者の会", "en": "Victims' association"},
        "customers": {"ja": "顧客", "en": "Customers"},
        "ministries": {"ja": "3省庁", "en": "Three agencies"},
        "exchange": {"ja": "取引所", "en": "Exchange"},
        "parent_company": {"ja": "親会社・グループ", "en": "Parent company"},
        "acquirer": {"ja": "買収・譲受先", "en": "Acquirer"},
        "police": {"ja": "警察・司法", "en": "Police and courts"},
        "nem_foundation": {"ja": "NEM財団", "en": "NEM.io Foundation"},
        "trustee": {"ja": "管財人", "en": "Trustee"},
        "regulator": {"ja": "規制当局(日本国外)", "en": "Regulator (outside Japan)"},
    },
    "source_kind": {
        "company": {"ja": "●", "en": "●"},
        "other": {"ja": "○", "en": "○"},
        "derived": {"ja": "◆", "en": "◆"},
        "secondary": {"ja": "二次", "en": "2nd"},
    },
    "status": {
        "reported": {"ja": "", "en": ""},
        "conflict": {"ja": "見解相違", "en": "disputed"},
        "gap": {"ja": "不明", "en": "not found"},
        "never": {"ja": "発生せず", "en": "did not happen"},
    },
    "state": {
        "known": {"ja": "", "en": ""},
        "range": {"ja": "期間のみ", "en": "period only"},
        "gap": {"ja": "不明(資料になし)", "en": "not found"},
        "never": {"ja": "発生せず", "en": "did not happen"},
        "not_recorded": {"ja": "記録なし", "en": "not recorded"},
        "no_theft_date": {"ja": "盗難日不明", "en": "theft date unknown"},
    },
    "method": {
        "cash": {"ja": "現金(日本円)", "en": "cash (yen)"},
        "in_kind": {"ja": "現物", "en": "in kind"},
        "mixed": {"ja": "現物と現金", "en": "in kind and cash"},
        "partial": {"ja": "一部弁済(継続中)", "en": "partial (ongoing)"},
    },
    "where": {
        "headline": {"ja": "見出し", "en": "headline"},
        "lead": {"ja": "リード", "en": "lead"},
        "body": {"ja": "本文", "en": "body"},
        "table": {"ja": "表", "en": "table"},
        "list": {"ja": "箇条書き", "en": "list"},
        "caption": {"ja": "キャプション", "en": "caption"},
        "dateline": {"ja": "日付欄", "en": "dateline"},
    },
    "price_method": {"volume_weighted_average": {"ja": "出来高加重平均", "en": "volume-weighted average"}},
    "funding_source": {"own_funds": {"ja": "自己資金", "en": "the company's own funds"}},
}


def t(key: str, lang: str, **fields) -> str:
    text = _TEXT[key][lang]
    return text.format(**fields) if fields else text


def day_text(day, lang: str) -> str:
    """A calendar day as each language writes it: 2018年1月26日, 26 January 2018."""
    return f"{day.year}年{day.month}月{day.day}日" if lang == "ja" else f"{day.day} {day:%B} {day.year}"


def value_label(kind: str, value: str, lang: str) -> str:
    """The reader-facing name of a vocabulary value; unknown values show as they are."""
    return _VALUES.get(kind, {}).get(value, {}).get(lang, value)
